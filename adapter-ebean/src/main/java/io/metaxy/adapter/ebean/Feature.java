package io.metaxy.adapter.ebean;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the Metaxy feature spec of an entity class extending {@link EbeanFeature}.
 *
 * <pre>{@code
 * @Entity
 * @Feature(key = "video/processing", deps = VideoFeature.class,
 *     fields = @Field(key = "frames", codeVersion = "1",
 *                     deps = @FieldDependency(feature = VideoFeature.class, fields = "frames")))
 * public class VideoProcessing extends SampleFeature { public int frameCount; }
 * }</pre>
 *
 * ID columns come from {@link #idColumns()} or, when empty, from the nearest {@link IdColumns} on
 * the class or a superclass. Without {@code @Table}, the table name is the key's table name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Feature {
  /** The feature key, e.g. {@code video/processing}. */
  String key();

  /** The fields; empty means the single field {@code default}. */
  Field[] fields() default {};

  /** Upstream features declared by their entity classes (1:1, required). */
  Class<?>[] deps() default {};

  /** Upstream features declared by key (features without an entity class). */
  String[] depKeys() default {};

  /** ID columns; empty means inherited from {@link IdColumns}. */
  String[] idColumns() default {};

  /** Free-text description. */
  String description() default "";
}
