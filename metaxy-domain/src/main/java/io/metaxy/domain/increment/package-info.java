/**
 * The increment diff (docs/semantics.md §4): expected against stored rows into new, stale and
 * orphaned samples, keyed by ID (or parent) columns.
 */
package io.metaxy.domain.increment;
