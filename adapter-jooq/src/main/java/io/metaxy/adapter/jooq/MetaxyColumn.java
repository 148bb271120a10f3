package io.metaxy.adapter.jooq;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Optional details of a record component used as a feature column by {@link
 * JooqFeature#fromRecord}: an explicit column name and nullability.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface MetaxyColumn {
  /** The column name; the component name when empty. */
  String name() default "";

  /** Whether the column accepts NULL (ID columns never do). */
  boolean nullable() default true;
}
