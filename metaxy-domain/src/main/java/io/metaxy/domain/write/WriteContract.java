package io.metaxy.domain.write;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.InvalidRowException;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.SystemColumns;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The write contract of one feature (ADR-0004, {@code docs/semantics.md §5}): what every row
 * written to the feature must hold, and how the store fills the system columns. Every store
 * validates and completes rows here, so stores keep only storage code. {@link #complete} validates
 * the whole batch before returning anything, so a violating write stores nothing.
 *
 * <p>Rules, per row:
 *
 * <ul>
 *   <li>every ID column is present and not null;
 *   <li>{@code metaxy_provenance_by_field} is a map with a non-null string for every field of the
 *       feature and no other key (an empty map is refused);
 *   <li>{@code metaxy_data_version_by_field}, when given, is a map whose keys are fields of the
 *       feature; fields it leaves out (or null) take their provenance;
 *   <li>{@code metaxy_data_version} given without {@code metaxy_data_version_by_field} is refused
 *       (it is derived from the per-field map); given with it, it is kept;
 *   <li>{@code metaxy_provenance} is kept when given, else computed from the per-field map;
 *   <li>{@code metaxy_deleted_at} is kept when given (the row is a tombstone), else null;
 *   <li>{@code metaxy_created_at} is kept when given; otherwise the store fills it with {@link
 *       CreatedAtRule} (the sample's first stored value, else the write time);
 *   <li>{@code metaxy_updated_at} is always the write time; feature and snapshot versions are
 *       always the current graph's; the materialization id of the write options wins over a given
 *       one;
 *   <li>any other {@code metaxy_} column is refused, and system columns must have their types
 *       (maps, timestamps, strings).
 * </ul>
 */
public final class WriteContract {
  private static final Set<String> SYSTEM = Set.copyOf(SystemColumns.ALL);

  private final FeatureSpec spec;
  private final String featureVersion;
  private final String projectVersion;
  private final Function<Map<String, String>, String> combiner;
  private final Set<String> fields;

  private WriteContract(
      FeatureSpec spec,
      String featureVersion,
      String projectVersion,
      Function<Map<String, String>, String> combiner) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.featureVersion = Objects.requireNonNull(featureVersion, "featureVersion");
    this.projectVersion = Objects.requireNonNull(projectVersion, "projectVersion");
    this.combiner = Objects.requireNonNull(combiner, "combiner");
    Set<String> f = new TreeSet<>();
    for (FieldSpec field : spec.fields()) {
      f.add(field.key().structKey());
    }
    this.fields = Set.copyOf(f);
  }

  /**
   * The contract of {@code spec} under the current graph's versions; {@code combiner} hashes a
   * per-field map into the row-level value (e.g. {@code ProvenanceEngine::combine}).
   */
  public static WriteContract forFeature(
      FeatureSpec spec,
      String featureVersion,
      String projectVersion,
      Function<Map<String, String>, String> combiner) {
    return new WriteContract(spec, featureVersion, projectVersion, combiner);
  }

  public FeatureKey feature() {
    return spec.key();
  }

  /** The field struct keys every per-field map must cover. */
  public Set<String> fields() {
    return fields;
  }

  /** Checks every row; throws {@link InvalidRowException} on the first violation. */
  public void validate(List<Row> rows) {
    for (int i = 0; i < rows.size(); i++) {
      validate(rows.get(i), i);
    }
  }

  /**
   * Validates every row, then returns them completed: user columns in the given order, then every
   * system column in table order. {@code metaxy_created_at} is the given value or null: fill it
   * with {@link CreatedAtRule#fill}.
   */
  public List<Row> complete(List<Row> rows, Instant now, String materializationId) {
    Objects.requireNonNull(now, "now");
    validate(rows);
    List<Row> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(completeOne(r, now, materializationId));
    }
    return out;
  }

  private Row completeOne(Row r, Instant now, String materializationId) {
    Row.Builder b = Row.builder();
    for (Map.Entry<String, Object> e : r.asMap().entrySet()) {
      if (!SystemColumns.isReserved(e.getKey())) {
        b.set(e.getKey(), e.getValue());
      }
    }
    Derived d = derive(r, materializationId);
    // Data versions equal to the provenance (the usual case) share its per-field map: one object
    // fewer per row kept in memory.
    Map<String, String> pbf = Row.fieldMapOf(d.provenanceByField());
    Map<String, String> dvbf =
        d.dataVersionByField() == d.provenanceByField()
                || d.dataVersionByField().equals(d.provenanceByField())
            ? pbf
            : Row.fieldMapOf(d.dataVersionByField());
    b.set(SystemColumns.PROVENANCE_BY_FIELD, pbf);
    b.set(SystemColumns.PROVENANCE, d.provenance());
    b.set(SystemColumns.DATA_VERSION_BY_FIELD, dvbf);
    b.set(SystemColumns.DATA_VERSION, d.dataVersion());
    b.set(SystemColumns.FEATURE_VERSION, featureVersion);
    b.set(SystemColumns.PROJECT_VERSION, projectVersion);
    b.set(SystemColumns.CREATED_AT, d.createdAt());
    b.set(SystemColumns.UPDATED_AT, now);
    b.set(SystemColumns.DELETED_AT, d.deletedAt());
    b.set(SystemColumns.MATERIALIZATION_ID, d.materializationId());
    return b.build();
  }

  /**
   * The system values of one row the contract derives (everything {@link #complete} fills except
   * the versions and {@code metaxy_updated_at}, which are the same for every row of a write).
   *
   * @param provenanceByField sorted by field
   * @param dataVersionByField sorted by field
   * @param createdAt the given value or null
   * @param deletedAt the given value or null
   */
  public record Derived(
      Map<String, String> provenanceByField,
      String provenance,
      Map<String, String> dataVersionByField,
      String dataVersion,
      Instant createdAt,
      Instant deletedAt,
      String materializationId) {}

  /**
   * The derived system values of a row already {@link #validate validated}, for stores that encode
   * rows straight into their bulk path instead of building completed rows with {@link #complete}.
   * The row-level hash is computed once when the data versions are the provenance.
   */
  public Derived derive(Row r, String materializationId) {
    Map<String, String> given = r.getMap(SystemColumns.PROVENANCE_BY_FIELD);
    Map<String, String> pbf = given instanceof TreeMap<String, String> t ? t : new TreeMap<>(given);
    Map<String, String> dvbf = pbf;
    boolean dvbfGiven = r.get(SystemColumns.DATA_VERSION_BY_FIELD) != null;
    if (dvbfGiven) {
      TreeMap<String, String> merged = new TreeMap<>(pbf);
      r.getMap(SystemColumns.DATA_VERSION_BY_FIELD)
          .forEach(
              (k, v) -> {
                if (v != null) {
                  merged.put(k, v);
                }
              });
      dvbf = merged;
    }
    Object prov = r.get(SystemColumns.PROVENANCE);
    Object dv = r.get(SystemColumns.DATA_VERSION);
    String computed = prov == null || !dvbfGiven ? combiner.apply(pbf) : null;
    String provenance = prov != null ? prov.toString() : computed;
    String dataVersion = dvbfGiven ? (dv != null ? dv.toString() : combiner.apply(dvbf)) : computed;
    Object givenMid = r.get(SystemColumns.MATERIALIZATION_ID);
    return new Derived(
        pbf,
        provenance,
        dvbf,
        dataVersion,
        toInstant(r.get(SystemColumns.CREATED_AT)),
        toInstant(r.get(SystemColumns.DELETED_AT)),
        materializationId != null
            ? materializationId
            : givenMid == null ? null : givenMid.toString());
  }

  /** The feature version every written row gets. */
  public String featureVersion() {
    return featureVersion;
  }

  /** The project (snapshot) version every written row gets. */
  public String projectVersion() {
    return projectVersion;
  }

  private void validate(Row r, int index) {
    for (String id : spec.idColumns()) {
      if (!r.has(id) || r.get(id) == null) {
        throw invalid(
            id,
            index,
            (r.has(id) ? "has a null value in" : "has no")
                + " ID column \""
                + id
                + "\": every row needs a value for every ID column "
                + spec.idColumns()
                + ". Nothing was written.");
      }
    }
    for (Map.Entry<String, Object> e : r.asMap().entrySet()) {
      checkSystemColumn(e.getKey(), e.getValue(), index);
    }
    Object pbf = r.get(SystemColumns.PROVENANCE_BY_FIELD);
    if (!(pbf instanceof Map<?, ?> map)) {
      throw invalid(
          SystemColumns.PROVENANCE_BY_FIELD,
          index,
          "has no "
              + SystemColumns.PROVENANCE_BY_FIELD
              + ": give every row its per-field provenance as a map (field struct key → hash) for"
              + " the fields "
              + fields
              + ", e.g. write the rows of the increment. Nothing was written.");
    }
    checkFieldMap(SystemColumns.PROVENANCE_BY_FIELD, map, index, true);
    Object dvbf = r.get(SystemColumns.DATA_VERSION_BY_FIELD);
    if (dvbf instanceof Map<?, ?> dmap) {
      checkFieldMap(SystemColumns.DATA_VERSION_BY_FIELD, dmap, index, false);
    } else if (r.get(SystemColumns.DATA_VERSION) != null) {
      throw invalid(
          SystemColumns.DATA_VERSION,
          index,
          "has "
              + SystemColumns.DATA_VERSION
              + " without "
              + SystemColumns.DATA_VERSION_BY_FIELD
              + ": the row-level data version is derived from the per-field map. Give "
              + SystemColumns.DATA_VERSION_BY_FIELD
              + " (field struct key → data version) instead, or drop the column. Nothing was"
              + " written.");
    }
  }

  private void checkFieldMap(String column, Map<?, ?> map, int index, boolean complete) {
    if (complete && map.isEmpty()) {
      throw invalid(
          column,
          index,
          "has an empty "
              + column
              + ": give a value for every field "
              + fields
              + ". Nothing was written.");
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String k) || !fields.contains(k)) {
        throw invalid(
            column,
            index,
            "has key \""
                + e.getKey()
                + "\" in "
                + column
                + ", which is not a field of the feature; its fields are "
                + fields
                + ". Nothing was written.");
      }
      if (e.getValue() != null && !(e.getValue() instanceof String)) {
        throw invalid(
            column,
            index,
            "has a "
                + e.getValue().getClass().getSimpleName()
                + " for field \""
                + k
                + "\" in "
                + column
                + ": values are strings (hashes). Nothing was written.");
      }
    }
    if (complete) {
      for (String f : fields) {
        if (map.get(f) == null) {
          throw invalid(
              column,
              index,
              "has no value for field \""
                  + f
                  + "\" in "
                  + column
                  + ": give a value for every field "
                  + fields
                  + ". Nothing was written.");
        }
      }
    }
  }

  private void checkSystemColumn(String c, Object v, int index) {
    if (!SystemColumns.isReserved(c)) {
      return;
    }
    if (!SYSTEM.contains(c)) {
      throw new InvalidRowException(
          ErrorCode.RESERVED_COLUMN,
          spec.key().toString(),
          c,
          index,
          prefix(index)
              + "has column \""
              + c
              + "\": names starting with metaxy_ are reserved for the system columns "
              + SystemColumns.ALL
              + ". Rename it. Nothing was written.");
    }
    if (v == null) {
      return;
    }
    boolean ok;
    String holds;
    if (c.endsWith("_by_field")) {
      ok = v instanceof Map<?, ?>;
      holds = "a map (field struct key → hash)";
    } else if (c.endsWith("_at")) {
      ok = toInstant(v) != null;
      holds = "a timestamp (java.time.Instant)";
    } else {
      ok = v instanceof CharSequence;
      holds = "a string";
    }
    if (!ok) {
      throw invalid(
          c,
          index,
          "has a "
              + v.getClass().getSimpleName()
              + " ("
              + v
              + ") in system column \""
              + c
              + "\", which holds "
              + holds
              + ". Nothing was written.");
    }
  }

  private InvalidRowException invalid(String column, int index, String what) {
    return new InvalidRowException(
        ErrorCode.INVALID_ROW, spec.key().toString(), column, index, prefix(index) + what);
  }

  private String prefix(int index) {
    return "Row " + index + " written to feature " + spec.key() + " ";
  }

  /**
   * A timestamp value as an {@link Instant}: {@code Instant}, {@code OffsetDateTime}, {@code
   * ZonedDateTime} and {@code java.util.Date} are accepted; anything else gives {@code null}.
   */
  public static Instant toInstant(Object v) {
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (v instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (v instanceof java.util.Date d) {
      return d.toInstant();
    }
    return null;
  }
}
