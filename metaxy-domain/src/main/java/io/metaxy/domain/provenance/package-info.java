/**
 * The record-level provenance engine (docs/semantics.md §3): per-field and per-row provenance of
 * every sample from upstream data versions, across identity, aggregation and expansion lineage. See
 * {@link io.metaxy.domain.provenance.ProvenanceEngine} for the exact algorithm adapters reproduce
 * in SQL.
 */
package io.metaxy.domain.provenance;
