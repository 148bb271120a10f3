/**
 * The in-memory metadata store ({@code type = "memory"}): every port of {@code metaxy-ports} in the
 * JVM heap; the reference store of the compatibility kit, and a store for tests and small
 * pipelines.
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li><b>Storage.</b> One append-only list of rows per feature. Each stored row carries a global
 *       sequence number assigned at commit (under the table's write lock) and its feature version
 *       (its ID key is read from the row). Maintained on append: per feature version, the latest
 *       row of each sample, and per sample its first {@code metaxy_created_at}, both in arrays
 *       indexed by a {@link io.metaxy.domain.increment.KeyIndex} (numeric IDs as primitives). The
 *       system tables ({@code feature_versions}, {@code migration_events}) are lists too. Views
 *       made with {@code withGraph} share the storage and the open state; {@code onSameStorage}
 *       gives another instance (own open state) on the same storage.
 *   <li><b>Write contract.</b> Rows are validated and completed by {@link
 *       io.metaxy.domain.write.WriteContract} and {@link io.metaxy.domain.write.CreatedAtRule}
 *       (ADR-0004); soft deletes append {@link io.metaxy.domain.write.Tombstones}; fallback reads
 *       go through {@link io.metaxy.ports.store.FallbackChain}; filters are checked against the
 *       feature's columns by {@link io.metaxy.domain.filter.FilterColumns}.
 *   <li><b>Concurrency.</b> A read-write lock per feature table. Under the write lock a write takes
 *       its time, validates and completes its whole batch, checks user column types against the
 *       table, then appends the batch in one step: a failed write leaves nothing behind, concurrent
 *       writers never interleave within a batch and none is lost. Readers copy the row list under
 *       the read lock and work on the copy, so a read never sees half a batch.
 *   <li><b>Merge-on-read.</b> A read of one feature version copies that version's latest rows (kept
 *       up to date on append); other reads make one pass over the copied rows with a hash map keyed
 *       by sample (and feature version when reading all versions). Either way a row replaces the
 *       kept one when its sequence is higher: the latest row is the row of the write that committed
 *       last (ADR-0004). The result is deterministic for a given history. Filters apply after the
 *       merge.
 *   <li><b>Resolve.</b> {@link io.metaxy.domain.provenance.ProvenanceEngine} hashes each upstream
 *       by join key and {@link io.metaxy.domain.increment.IncrementDiff} indexes the target's
 *       stored rows by key, at the same time on several threads when the store has no fallback
 *       stores (its own reads are thread-safe); the increment's streams join, hash and compare
 *       lazily, so rows of the increment are never all held at once (the upstream and stored rows
 *       already are: this is the heap store).
 *   <li><b>Costs.</b> Write O(batch); read O(rows of the feature) time and memory for the copy;
 *       resolve O(upstream rows + stored rows) memory for the hash indexes plus O(expected rows)
 *       hashing per consumed stream. Hard delete rewrites the feature's list. Nothing is sorted
 *       except members of an aggregation group.
 * </ul>
 */
package io.metaxy.adapter.inmemory;
