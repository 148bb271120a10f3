/**
 * The Spark store: {@link io.metaxy.adapter.spark.SparkMetadataStore} keeps every feature and
 * system table as a Delta Lake table under a warehouse path and resolves increments as Spark plans.
 */
package io.metaxy.adapter.spark;
