/** Delta tables, row codecs, filters and the resolve plan of the Spark store. Not API. */
package io.metaxy.adapter.spark.internal;
