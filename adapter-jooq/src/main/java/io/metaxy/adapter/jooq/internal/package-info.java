/**
 * Internals of the jOOQ store: per-dialect SQL helpers, table layout, query building, filter
 * translation, bulk writers and Flyway support. Not API.
 */
package io.metaxy.adapter.jooq.internal;
