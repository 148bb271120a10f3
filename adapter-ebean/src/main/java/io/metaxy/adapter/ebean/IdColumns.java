package io.metaxy.adapter.ebean;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The ID columns (database column names) of every feature extending the annotated class; put it on
 * a shared {@code @MappedSuperclass} (the document's {@code SampleFeature}). Inherited. ID columns
 * must hold client-provided values: no generated, identity, sequence or server-default values.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface IdColumns {
  String[] value();
}
