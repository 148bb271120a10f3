package io.metaxy.sql;

/**
 * The physical layout of feature tables: {@link #PYTHON}, Python Metaxy 0.1.11's tables (per-field
 * maps as one map column each), or {@link #SEED}, one column per field (stores created before).
 * Stores map their own layout setting to this one.
 */
public enum TableLayout {
  /** Per-field maps as one map column (DuckDB STRUCT, PostgreSQL jsonb, MariaDB JSON, H2 text). */
  PYTHON,
  /** One column per field, the row's project version in {@code metaxy_snapshot_version}. */
  SEED
}
