/**
 * The SQL the SQL stores share, built with jOOQ: feature tables and their layouts ({@link
 * io.metaxy.sql.FeatureTable}, {@link io.metaxy.sql.FeatureTableLayout}, {@link
 * io.metaxy.sql.Catalog}), the resolve plan ({@link io.metaxy.sql.ResolvePlan}: provenance and the
 * increment computed inside the database), merge-on-read ({@link io.metaxy.sql.Relations}), filters
 * ({@link io.metaxy.sql.FilterTranslator}), per-dialect fragments ({@link
 * io.metaxy.sql.DialectSql}), result mapping ({@link io.metaxy.sql.RowMapper}) and bulk appends
 * (the row sinks of {@code io.metaxy.sql.bulk}). It depends on the domain and jOOQ, never on an
 * adapter; the jOOQ and Ebean stores run its statements on their own connections.
 */
package io.metaxy.sql;
