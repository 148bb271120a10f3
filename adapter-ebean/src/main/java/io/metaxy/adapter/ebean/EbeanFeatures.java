package io.metaxy.adapter.ebean;

import io.metaxy.adapter.ebean.internal.EntityColumns;
import io.metaxy.domain.column.ColumnRules;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.InvalidSpecException;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.error.Problem;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldDep;
import io.metaxy.domain.spec.FieldSpec;
import jakarta.persistence.Entity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Reads and validates feature entity classes: the spec from the {@link Feature} annotation (or a
 * programmatic spec), and the ID-column rule (no generated, identity, sequence or server-default
 * value on an ID column; the error names the class and column).
 */
public final class EbeanFeatures {
  private EbeanFeatures() {}

  /** The annotated feature entity {@code entity}, validated. */
  public static EntityFeature describe(Class<?> entity) {
    return of(entity, specOf(entity));
  }

  /** A feature entity with a programmatic spec, validated. */
  public static EntityFeature of(Class<?> entity, FeatureSpec spec) {
    Class<? extends EbeanFeature> cls = checkEntity(entity);
    validate(cls, spec);
    return new EntityFeature(cls, spec);
  }

  /** Every class described and validated, in the given order. */
  public static List<EntityFeature> describeAll(Collection<Class<?>> entities) {
    return entities.stream().map(EbeanFeatures::describe).toList();
  }

  /** A graph of the annotated entity classes. */
  public static FeatureGraph graphOf(Class<?>... entities) {
    return FeatureGraph.of(Arrays.stream(entities).map(c -> describe(c).spec()).toList());
  }

  /** The feature key declared by {@code entity}'s {@link Feature} annotation. */
  public static FeatureKey keyOf(Class<?> entity) {
    Feature f = entity.getAnnotation(Feature.class);
    if (f == null) {
      throw new MetaxyException(
          ErrorCode.INVALID_SPEC,
          "Class "
              + entity.getName()
              + " is used as a feature but has no @Feature annotation: annotate it with"
              + " @Feature(key = ...) or register it with a programmatic spec.");
    }
    return FeatureKey.of(f.key());
  }

  /** Builds the spec from the {@link Feature} annotation (without the column checks). */
  public static FeatureSpec specOf(Class<?> entity) {
    Feature f = entity.getAnnotation(Feature.class);
    FeatureKey key = keyOf(entity);
    List<String> ids = List.of(f.idColumns());
    if (ids.isEmpty()) {
      IdColumns inherited = entity.getAnnotation(IdColumns.class);
      if (inherited != null) {
        ids = List.of(inherited.value());
      }
    }
    if (ids.isEmpty()) {
      throw new InvalidSpecException(
          List.of(
              new Problem(
                  ErrorCode.EMPTY_ID_COLUMNS,
                  key.toString(),
                  null,
                  "Feature "
                      + key
                      + " (class "
                      + entity.getName()
                      + ") declares no ID columns: put @IdColumns on the class or a shared mapped"
                      + " superclass, or set @Feature(idColumns = ...).")));
    }
    FeatureSpec.Builder b = FeatureSpec.builder(key).idColumns(ids);
    for (Class<?> dep : f.deps()) {
      b.dependsOn(FeatureDep.on(keyOf(dep)));
    }
    for (String dep : f.depKeys()) {
      b.dependsOn(FeatureDep.on(dep));
    }
    for (Field field : f.fields()) {
      FieldSpec.Builder fb = FieldSpec.builder(field.key()).codeVersion(field.codeVersion());
      if (field.dependsOnAll()) {
        fb.dependsOnAll();
      }
      for (FieldDependency d : field.deps()) {
        FeatureKey upstream;
        if (d.feature() != void.class) {
          upstream = keyOf(d.feature());
        } else if (!d.featureKey().isBlank()) {
          upstream = FeatureKey.of(d.featureKey());
        } else {
          throw new MetaxyException(
              ErrorCode.INVALID_SPEC,
              "Feature "
                  + key
                  + " field "
                  + field.key()
                  + ": a @FieldDependency names neither feature nor featureKey: set one.");
        }
        fb.dependsOn(FieldDep.on(upstream.toString(), d.fields()));
      }
      b.field(fb.build());
    }
    if (!f.description().isBlank()) {
      b.description(f.description());
    }
    return b.build();
  }

  /**
   * Checks the ID columns of {@code entity} against {@code spec}: each must exist and hold a
   * client-provided value.
   *
   * @throws io.metaxy.domain.error.GeneratedIdColumnException naming the class and column
   */
  public static void validate(Class<?> entity, FeatureSpec spec) {
    try {
      ColumnRules.check(spec.key(), spec.idColumns(), EntityColumns.describe(entity));
    } catch (io.metaxy.domain.error.GeneratedIdColumnException e) {
      throw new io.metaxy.domain.error.GeneratedIdColumnException(
          e.feature(),
          e.column(),
          "Entity class " + entity.getName() + ": " + stripCode(e.getMessage()));
    } catch (InvalidSpecException e) {
      List<Problem> problems = new ArrayList<>();
      for (Problem p : e.problems()) {
        problems.add(
            new Problem(
                p.code(),
                p.feature(),
                p.field(),
                "Entity class " + entity.getName() + ": " + p.message()));
      }
      throw new InvalidSpecException(problems);
    }
  }

  private static String stripCode(String message) {
    return message.startsWith("[") && message.indexOf("] ") > 0
        ? message.substring(message.indexOf("] ") + 2)
        : message;
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends EbeanFeature> checkEntity(Class<?> entity) {
    if (!EbeanFeature.class.isAssignableFrom(entity)) {
      throw new MetaxyException(
          ErrorCode.INVALID_SPEC,
          "Class "
              + entity.getName()
              + " is declared as a feature but does not extend "
              + EbeanFeature.class.getName()
              + ": extend it (directly or through a shared mapped superclass) so the store can"
              + " fill the system columns.");
    }
    if (!entity.isAnnotationPresent(Entity.class)) {
      throw new MetaxyException(
          ErrorCode.INVALID_SPEC,
          "Feature class "
              + entity.getName()
              + " is not annotated with @jakarta.persistence.Entity.");
    }
    return (Class<? extends EbeanFeature>) entity;
  }
}
