/**
 * The jOOQ metadata store: {@link io.metaxy.adapter.jooq.JooqMetadataStore} computes provenance and
 * increments inside DuckDB, PostgreSQL, H2 or MariaDB (SQL built with jOOQ), writes through each
 * database's bulk path and migrates its schema with Flyway ({@link
 * io.metaxy.adapter.jooq.JooqSchemaMigrator}).
 */
package io.metaxy.adapter.jooq;
