/**
 * Row sinks of the SQL stores' write paths: rows (one value array each, in the sink's column order)
 * stream from the caller's list straight into each database's bulk path — PostgreSQL {@code COPY
 * FROM STDIN} in text format, MariaDB {@code LOAD DATA LOCAL INFILE} from memory, multi-row {@code
 * INSERT}s on H2 (and on MariaDB for binary columns) — on the caller's connection and transaction,
 * without staging the rows in between. Both SQL stores write through them; the DuckDB appender sink
 * is the jOOQ store's own.
 */
package io.metaxy.sql.bulk;
