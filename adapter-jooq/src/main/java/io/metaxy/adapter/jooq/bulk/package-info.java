/**
 * Row sinks of the jOOQ store's write path: rows (one value array each, in table column order)
 * stream from the caller's list straight into each database's bulk path — the DuckDB appender,
 * PostgreSQL {@code COPY FROM STDIN} in text format, MariaDB {@code LOAD DATA LOCAL INFILE} from
 * memory, multi-row {@code INSERT}s on H2 — on the caller's connection and transaction, without
 * staging the rows in between.
 */
package io.metaxy.adapter.jooq.bulk;
