package io.metaxy.adapter.ebean;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import io.metaxy.adapter.ebean.internal.DiscoveredEntities;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.ports.discovery.DiscoveredFeature;
import io.metaxy.ports.discovery.FeatureScanner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds {@link Feature}-annotated Ebean entity classes in a package (and its subpackages) with
 * ClassGraph; each is validated (spec and ID columns) as it is found. Listed in {@code
 * META-INF/services/io.metaxy.ports.discovery.FeatureScanner}.
 */
public final class EbeanFeatureScanner implements FeatureScanner {
  @Override
  public List<DiscoveredFeature> scan(String packageName, ClassLoader classLoader) {
    List<DiscoveredFeature> out = new ArrayList<>();
    ClassGraph cg = new ClassGraph().enableAnnotationInfo().acceptPackages(packageName);
    if (classLoader != null) {
      cg.overrideClassLoaders(classLoader);
    }
    try (ScanResult r = cg.scan()) {
      for (ClassInfo ci : r.getClassesWithAnnotation(Feature.class.getName())) {
        if (ci.isAbstract() || !ci.hasAnnotation(jakarta.persistence.Entity.class.getName())) {
          continue;
        }
        Class<?> cls = ci.loadClass();
        EntityFeature f = EbeanFeatures.describe(cls);
        DiscoveredEntities.remember(f.spec().key(), f.entityClass());
        out.add(new DiscoveredFeature(f.spec(), f.entityClass()));
      }
    }
    out.sort(
        Comparator.comparing((DiscoveredFeature d) -> d.spec().key(), FeatureKey.BY_PARTS)
            .thenComparing(d -> d.declaringClass().getName()));
    return out;
  }

  /** Every entity feature in the given packages, validated. */
  public static List<EntityFeature> entities(ClassLoader classLoader, String... packages) {
    List<EntityFeature> out = new ArrayList<>();
    EbeanFeatureScanner s = new EbeanFeatureScanner();
    for (String p : packages) {
      for (DiscoveredFeature d : s.scan(p, classLoader)) {
        out.add(EbeanFeatures.of(d.declaringClass(), d.spec()));
      }
    }
    return out;
  }
}
