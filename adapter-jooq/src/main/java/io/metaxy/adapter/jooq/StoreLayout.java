package io.metaxy.adapter.jooq;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import java.util.Locale;

/**
 * The physical layout of a jOOQ store's tables (config key {@code layout}): {@link #PYTHON}, the
 * layout of Python Metaxy 0.1.11 (default; docs/adr/ADR-0005-python-store-layout.md), or {@link
 * #SEED}, the per-field-column layout of stores created before it
 * (docs/adr/ADR-0001-per-field-maps-jooq.md).
 */
public enum StoreLayout {
  /** Per-field maps as one map column (DuckDB STRUCT, PostgreSQL jsonb, MariaDB JSON, H2 text). */
  PYTHON("python"),
  /** One column per field, {@code metaxy-system__*} system tables. */
  SEED("seed");

  private final String configName;

  StoreLayout(String configName) {
    this.configName = configName;
  }

  /** The value of config key {@code layout}. */
  public String configName() {
    return configName;
  }

  /** The layout named {@code value}, or an error naming the key and the allowed values. */
  public static StoreLayout fromConfig(Object value) {
    String v = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
    for (StoreLayout l : values()) {
      if (l.configName.equals(v)) {
        return l;
      }
    }
    throw new MetaxyException(
        ErrorCode.INVALID_CONFIG,
        "Config key layout of a jOOQ store must be \"python\" (the default: Python Metaxy's"
            + " tables) or \"seed\" (per-field columns, stores created before), got \""
            + value
            + "\".");
  }
}
