/**
 * The jOOQ store's bulk path: DuckDB's appender as a row sink of the shared SQL module ({@code
 * io.metaxy.sql.bulk}), whose sinks serve the other databases.
 */
package io.metaxy.adapter.jooq.bulk;
