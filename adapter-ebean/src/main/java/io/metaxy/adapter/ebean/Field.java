package io.metaxy.adapter.ebean;

import io.metaxy.domain.spec.FieldSpec;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One field of a {@link Feature}: key, code version and optional explicit field dependencies. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Field {
  /** The field key, e.g. {@code frames} or {@code audio/embedding}. */
  String key() default "default";

  /** The code version; bump it when the code computing this field changes. */
  String codeVersion() default FieldSpec.INITIAL_CODE_VERSION;

  /** Explicit parent fields; empty means the default fields mapping. */
  FieldDependency[] deps() default {};

  /** Depend on every field of every upstream feature. */
  boolean dependsOnAll() default false;
}
