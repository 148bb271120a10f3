/**
 * The write contract shared by every store (ADR-0004): validation of written rows and filling of
 * system columns ({@link io.metaxy.domain.write.WriteContract}), {@code created_at} preservation
 * ({@link io.metaxy.domain.write.CreatedAtRule}), tombstones ({@link
 * io.metaxy.domain.write.Tombstones}) and rebase rules ({@link
 * io.metaxy.domain.write.RebaseRules}). Stores keep only storage code.
 */
package io.metaxy.domain.write;
