package io.metaxy.adapter.jooq;

import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.domain.write.WriteContract;
import io.metaxy.sql.FeatureTable;
import io.metaxy.sql.FeatureTableLayout;
import io.metaxy.sql.Layout;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one validated caller row into the value array of the feature table's physical columns (in
 * table order), deriving the system values through the {@link WriteContract} as it goes — no
 * completed row or column map per row. Values are JDBC-friendly ({@link StoreContext#toJdbc}).
 */
final class WriteEncoder {
  private enum Source {
    USER,
    PBF_MAP,
    DVBF_MAP,
    PBF_FIELD,
    DVBF_FIELD,
    PROVENANCE,
    DATA_VERSION,
    FEATURE_VERSION,
    PROJECT_VERSION,
    CREATED_AT,
    UPDATED_AT,
    DELETED_AT,
    MATERIALIZATION_ID,
    WRITE_SEQ,
    NONE
  }

  private final WriteContract contract;
  private final String materializationId;
  private final Source[] sources;
  private final String[] names;
  private final Object[] values;

  WriteEncoder(FeatureTable ft, boolean python, WriteContract contract, String materializationId) {
    this.contract = contract;
    this.materializationId = materializationId;
    Map<String, Source> system = new HashMap<>();
    Map<String, String> fieldOf = new HashMap<>();
    if (python) {
      system.put(SystemColumns.PROVENANCE_BY_FIELD, Source.PBF_MAP);
      system.put(SystemColumns.DATA_VERSION_BY_FIELD, Source.DVBF_MAP);
      system.put(SystemColumns.PROJECT_VERSION, Source.PROJECT_VERSION);
    } else {
      for (String k : contract.fields()) {
        system.put(Layout.pbf(k), Source.PBF_FIELD);
        fieldOf.put(Layout.pbf(k), k);
        system.put(Layout.dvbf(k), Source.DVBF_FIELD);
        fieldOf.put(Layout.dvbf(k), k);
      }
      system.put(FeatureTableLayout.SEED_PROJECT_VERSION, Source.PROJECT_VERSION);
    }
    system.put(SystemColumns.PROVENANCE, Source.PROVENANCE);
    system.put(SystemColumns.DATA_VERSION, Source.DATA_VERSION);
    system.put(SystemColumns.FEATURE_VERSION, Source.FEATURE_VERSION);
    system.put(SystemColumns.CREATED_AT, Source.CREATED_AT);
    system.put(SystemColumns.UPDATED_AT, Source.UPDATED_AT);
    system.put(SystemColumns.DELETED_AT, Source.DELETED_AT);
    system.put(SystemColumns.MATERIALIZATION_ID, Source.MATERIALIZATION_ID);
    system.put(Layout.WRITE_SEQ, Source.WRITE_SEQ);
    List<String> cols = new ArrayList<>(ft.physicalColumns().keySet());
    this.sources = new Source[cols.size()];
    this.names = new String[cols.size()];
    for (int i = 0; i < cols.size(); i++) {
      String c = cols.get(i);
      Source s = system.get(c);
      if (s == null) {
        s = SystemColumns.isReserved(c) ? Source.NONE : Source.USER;
      }
      sources[i] = s;
      names[i] = s == Source.PBF_FIELD || s == Source.DVBF_FIELD ? fieldOf.get(c) : c;
    }
    this.values = new Object[cols.size()];
  }

  /** The derived values of the row being encoded, between {@link #derive} and {@link #encode}. */
  WriteContract.Derived derive(Row r) {
    return contract.derive(r, materializationId);
  }

  /**
   * The physical values of {@code r} (the returned array is reused by the next call); {@code
   * createdAt} and {@code updatedAt} as decided by the caller, {@code seq} the write order value.
   */
  Object[] encode(Row r, WriteContract.Derived d, Object createdAt, Object updatedAt, long seq) {
    for (int i = 0; i < sources.length; i++) {
      values[i] =
          switch (sources[i]) {
            case USER -> StoreContext.toJdbc(r.get(names[i]));
            case PBF_MAP -> d.provenanceByField();
            case DVBF_MAP -> d.dataVersionByField();
            case PBF_FIELD -> d.provenanceByField().get(names[i]);
            case DVBF_FIELD -> d.dataVersionByField().get(names[i]);
            case PROVENANCE -> d.provenance();
            case DATA_VERSION -> d.dataVersion();
            case FEATURE_VERSION -> contract.featureVersion();
            case PROJECT_VERSION -> contract.projectVersion();
            case CREATED_AT -> createdAt;
            case UPDATED_AT -> updatedAt;
            case DELETED_AT -> d.deletedAt() == null ? null : StoreContext.toJdbc(d.deletedAt());
            case MATERIALIZATION_ID -> d.materializationId();
            case WRITE_SEQ -> seq;
            case NONE -> null;
          };
    }
    return values;
  }

  /** A time value as the table holds it (UTC {@link LocalDateTime}). */
  static Object time(Object v) {
    return v == null ? null : StoreContext.toJdbc(v);
  }
}
