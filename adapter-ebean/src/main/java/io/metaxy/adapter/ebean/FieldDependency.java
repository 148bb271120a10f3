package io.metaxy.adapter.ebean;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field's dependency on fields of one upstream feature, named by its entity class ({@link
 * #feature()}) or by key ({@link #featureKey()}). No {@link #fields()} means all its fields.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface FieldDependency {
  /** The upstream entity class ({@code void.class} when {@link #featureKey()} is used). */
  Class<?> feature() default void.class;

  /** The upstream feature key (when it has no entity class). */
  String featureKey() default "";

  /** Upstream field keys; empty means all fields. */
  String[] fields() default {};
}
