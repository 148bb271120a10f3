package io.metaxy.adapter.ebean;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The physical layout of an Ebean store's tables (config key {@code layout}).
 *
 * <ul>
 *   <li>{@link #PYTHON} (default): Python Metaxy 0.1.11's layout (docs/adr/ADR-0005): per-field
 *       maps as PostgreSQL {@code jsonb}, MariaDB {@code JSON}, H2 compact sorted JSON text; the
 *       system columns in Python's order and nothing else (no write order column); system tables
 *       {@code metaxy_system__feature_versions} (Python's columns) and {@code
 *       metaxy_system__migration_events}. Java and Python share such a store.
 *   <li>{@link #SEED}: the layout of stores created before (docs/adr/ADR-0003): maps as JSON text,
 *       a {@code metaxy_row_id} per row, the row's project version in the column {@code
 *       metaxy_snapshot_version}, system tables {@code metaxy-system__feature_versions} and {@code
 *       metaxy-system__migration_events}.
 * </ul>
 */
public enum EbeanLayout {
  PYTHON("python"),
  SEED("seed");

  /** The config key. */
  public static final String KEY = "layout";

  private final String configValue;

  EbeanLayout(String configValue) {
    this.configValue = configValue;
  }

  /** The value of this layout in {@code stores.<name>.config.layout}. */
  public String configValue() {
    return configValue;
  }

  /** The layout a config value names ({@code null}: the default, {@link #PYTHON}). */
  public static EbeanLayout fromConfig(Object value) {
    if (value == null) {
      return PYTHON;
    }
    String v = value.toString().trim().toLowerCase(Locale.ROOT);
    for (EbeanLayout l : values()) {
      if (l.configValue.equals(v)) {
        return l;
      }
    }
    throw new MetaxyException(
        ErrorCode.INVALID_CONFIG,
        "Invalid ebean store config: \""
            + KEY
            + "\" is \""
            + value
            + "\"; allowed values: "
            + Arrays.stream(values()).map(l -> "\"" + l.configValue + "\"").toList()
            + " (\"python\", the default, shares tables with Python Metaxy; \"seed\" keeps the"
            + " layout of stores created before).");
  }
}
