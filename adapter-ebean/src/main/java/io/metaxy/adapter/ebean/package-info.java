/**
 * Metaxy features as Ebean entity beans: the {@link io.metaxy.adapter.ebean.EbeanFeature} mapped
 * superclass, the {@link io.metaxy.adapter.ebean.Feature} annotations, key-derived table names
 * ({@link io.metaxy.adapter.ebean.EbeanNamingConvention}), ID-column validation, discovery, the
 * {@link io.metaxy.adapter.ebean.EbeanMetadataStore} and Flyway schema migrations.
 */
package io.metaxy.adapter.ebean;
