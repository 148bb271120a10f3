/**
 * Benchmarks of {@code resolveUpdate} on every store adapter, each timed against a hand-written SQL
 * floor on the same database in the same run; see {@link io.metaxy.benchmarks.BenchmarkMain}.
 */
package io.metaxy.benchmarks;
