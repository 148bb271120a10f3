package io.metaxy.config.internal;

import io.metaxy.config.ConfigException;
import io.metaxy.config.MetaxyConfig;
import io.metaxy.domain.error.InvalidDefinitionsException;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.json.DefinitionsCodec;
import io.metaxy.ports.discovery.DiscoveredFeature;
import io.metaxy.ports.discovery.FeatureScanner;
import io.metaxy.ports.discovery.FeatureSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers features: first each entry point in order (a {@code .json} definitions file, relative
 * to the configuration's folder; or a Java package handed to every {@link FeatureScanner}), then
 * every {@link FeatureSet} on the class path (by class name). A key found twice with the same spec
 * is kept once; with different specs it is an error naming both sources.
 */
public final class FeatureDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureDiscovery.class);
  private static final Pattern PACKAGE =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

  private FeatureDiscovery() {}

  /** Every feature found, in discovery order. */
  public static List<DiscoveredFeature> discover(
      MetaxyConfig config, ClassLoader loader, List<FeatureSpec> extra) {
    Map<FeatureKey, DiscoveredFeature> found = new LinkedHashMap<>();
    Map<FeatureKey, String> sources = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    List<FeatureScanner> scanners = null;
    List<String> eps = config.entrypoints();
    for (int i = 0; i < eps.size(); i++) {
      String ep = eps.get(i);
      String path = "entrypoints[" + i + "]";
      if (ep.toLowerCase(Locale.ROOT).endsWith(".json")) {
        Path file = config.baseDir().resolve(ep).normalize();
        if (!Files.isRegularFile(file)) {
          problems.add(path + ": definitions file " + file + " does not exist");
          continue;
        }
        try {
          for (FeatureSpec s : DefinitionsCodec.readSpecs(Files.readString(file))) {
            add(found, sources, new DiscoveredFeature(s, null), file.toString(), problems);
          }
        } catch (InvalidDefinitionsException e) {
          for (String p : e.problems()) {
            problems.add(path + " (" + file + "): " + p);
          }
        } catch (IOException e) {
          problems.add(path + ": cannot read " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
          problems.add(path + " (" + file + "): " + e.getMessage());
        }
      } else if (PACKAGE.matcher(ep).matches()) {
        if (scanners == null) {
          scanners = new ArrayList<>();
          ServiceLoader.load(FeatureScanner.class, loader).forEach(scanners::add);
          scanners.sort(Comparator.comparing(s -> s.getClass().getName()));
        }
        if (scanners.isEmpty()) {
          problems.add(
              path
                  + ": \""
                  + ep
                  + "\" is a package, but no FeatureScanner is on the class path; add"
                  + " io.metaxy:metaxy-adapter-ebean (entity feature classes) or list a .json"
                  + " definitions file");
          continue;
        }
        int before = found.size();
        for (FeatureScanner scanner : scanners) {
          for (DiscoveredFeature f : scanner.scan(ep, loader)) {
            add(found, sources, f, describe(f, "package " + ep), problems);
          }
        }
        if (found.size() == before) {
          LOG.warn("Entry point {} ({}): no feature classes found", ep, path);
        }
      } else {
        problems.add(
            path + ": \"" + ep + "\" is neither a .json definitions file nor a Java package name");
      }
    }
    List<FeatureSet> sets = new ArrayList<>();
    ServiceLoader.load(FeatureSet.class, loader).forEach(sets::add);
    sets.sort(Comparator.comparing(s -> s.getClass().getName()));
    for (FeatureSet set : sets) {
      for (FeatureSpec s : set.features()) {
        add(
            found,
            sources,
            new DiscoveredFeature(s, null),
            "FeatureSet " + set.getClass().getName(),
            problems);
      }
    }
    for (FeatureSpec s : extra) {
      add(found, sources, new DiscoveredFeature(s, null), "code", problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    LOG.debug("Discovered {} feature(s): {}", found.size(), found.keySet());
    return List.copyOf(found.values());
  }

  private static String describe(DiscoveredFeature f, String fallback) {
    return f.declaringClass() == null ? fallback : "class " + f.declaringClass().getName();
  }

  private static void add(
      Map<FeatureKey, DiscoveredFeature> found,
      Map<FeatureKey, String> sources,
      DiscoveredFeature f,
      String source,
      List<String> problems) {
    FeatureKey key = f.spec().key();
    DiscoveredFeature prev = found.get(key);
    if (prev == null) {
      found.put(key, f);
      sources.put(key, source);
    } else if (!prev.spec().equals(f.spec())) {
      problems.add(
          "feature "
              + key
              + " is defined differently by "
              + sources.get(key)
              + " and by "
              + source
              + "; keep one definition");
    }
  }
}
