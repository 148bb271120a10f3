package io.metaxy.ports.quarantine;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.json.CanonicalJson;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.WriteOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Error quarantine for any {@link MetadataStore} (ADR-0007). Records live as rows of the
 * Metaxy-managed root feature {@value #FEATURE_KEY}, written and read through the ports on a view
 * of the store ({@link MetadataStore#withGraph}) whose graph adds that feature, so every store
 * keeps them without store-specific code. A quarantined sample is left out of {@link
 * #resolveUpdate}'s new and stale rows while the feature version and its expected provenance equal
 * the recorded ones; a change of its inputs or code (new expected provenance) or a {@link #release}
 * brings it back.
 */
public final class Quarantine implements AutoCloseable {
  /** Key of the managed feature holding the records. */
  public static final String FEATURE_KEY = "metaxy_quarantine/samples";

  /** The managed feature holding the records. */
  public static final FeatureKey FEATURE = FeatureKey.of(FEATURE_KEY);

  static final String C_FEATURE = "feature_key";
  static final String C_SAMPLE = "sample_key";
  static final String C_VERSION = "quarantined_feature_version";
  static final String C_PROVENANCE = "quarantined_provenance";
  static final String C_ERROR = "error_message";
  private static final String FIELD = "entry";

  /** The spec of the managed feature. */
  public static final FeatureSpec SPEC =
      FeatureSpec.builder(FEATURE)
          .idColumns(C_FEATURE, C_SAMPLE)
          .field(FieldSpec.of(FIELD, "1"))
          .description("Samples whose computation failed (Metaxy error quarantine)")
          .build();

  private final MetadataStore store;
  private MetadataStore view;

  private Quarantine(MetadataStore store) {
    this.store = store;
  }

  /** The quarantine of {@code store} (an open store bound to the pipeline's graph). */
  public static Quarantine of(MetadataStore store) {
    return new Quarantine(store);
  }

  private MetadataStore view() {
    if (view == null) {
      FeatureGraph g = store.graph();
      view = store.withGraph(g.contains(FEATURE) ? g : g.with(SPEC));
      view.open();
    }
    return view;
  }

  private String currentVersion(FeatureKey feature) {
    return store.graph().versions(store.settings().truncation()).featureVersion(feature);
  }

  /**
   * Quarantines {@code samples} of {@code feature} with {@code errorMessage}. Each row holds the
   * feature's ID columns and, ideally, the expected {@code metaxy_provenance} of the increment row
   * that failed; without it the provenance is looked up in the feature's increment (not possible
   * for a root feature: pass the increment's rows). Returns the number of samples recorded.
   */
  public long record(FeatureKey feature, List<Row> samples, String errorMessage) {
    List<SampleFailure> failures = new ArrayList<>();
    for (Row s : samples) {
      failures.add(SampleFailure.of(s, errorMessage));
    }
    List<Row> rows = records(feature, failures);
    return rows.isEmpty() ? 0 : view().write(FEATURE, rows);
  }

  /**
   * Writes the successes of a batch and quarantines its failures in one call: either both are kept,
   * or — when the write of the successes fails — neither (the quarantine is restored to what it
   * was, and the error is rethrown). Everything is validated before anything is written: a failure
   * row without an ID column, or that is not new or stale, is an error naming the feature.
   *
   * <p>The two writes go to two tables through the ports, not in one database transaction: the
   * failures are recorded first, so a process killed between the two writes leaves the failed
   * samples quarantined and the successes still to compute — the state of a run that stopped before
   * writing them (ADR-0007).
   */
  public WriteOutcome write(
      FeatureKey feature, List<Row> successes, List<SampleFailure> failures, WriteOptions options) {
    List<Row> records = records(feature, failures);
    Map<String, Row> before = new HashMap<>();
    if (!records.isEmpty()) {
      MetadataStore v = view();
      if (v.hasFeature(FEATURE)) {
        Set<String> keys = new HashSet<>();
        records.forEach(r -> keys.add(r.getString(C_SAMPLE)));
        try (Stream<Row> rows =
            v.read(
                FEATURE,
                ReadOptions.defaults()
                    .withFilters(C_FEATURE + " = " + literal(feature.toString())))) {
          rows.filter(r -> keys.contains(r.getString(C_SAMPLE)))
              .forEach(r -> before.put(r.getString(C_SAMPLE), r));
        }
      }
      v.write(FEATURE, records);
    }
    long written;
    try {
      written = successes.isEmpty() ? 0 : store.write(feature, successes, options);
    } catch (RuntimeException e) {
      if (!records.isEmpty()) {
        restore(feature, records, before, e);
      }
      throw e;
    }
    return new WriteOutcome(written, records.size());
  }

  /** Puts back the records of {@code before} and removes the new ones (a failed write). */
  private void restore(
      FeatureKey feature, List<Row> written, Map<String, Row> before, RuntimeException cause) {
    try {
      List<Row> back = new ArrayList<>();
      for (Row r : written) {
        Row prev = before.get(r.getString(C_SAMPLE));
        if (prev == null) {
          view()
              .delete(
                  FEATURE,
                  DeleteOptions.soft(
                      C_FEATURE + " = " + literal(feature.toString()),
                      C_SAMPLE + " = " + literal(r.getString(C_SAMPLE))));
        } else {
          back.add(
              Row.of(
                  C_FEATURE,
                  prev.getString(C_FEATURE),
                  C_SAMPLE,
                  prev.getString(C_SAMPLE),
                  C_VERSION,
                  prev.getString(C_VERSION),
                  C_PROVENANCE,
                  prev.getString(C_PROVENANCE),
                  C_ERROR,
                  prev.getString(C_ERROR),
                  SystemColumns.PROVENANCE_BY_FIELD,
                  Map.of(FIELD, prev.getString(C_PROVENANCE))));
        }
      }
      if (!back.isEmpty()) {
        view().write(FEATURE, back);
      }
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /** The quarantine rows of {@code failures}, validated; nothing is written. */
  private List<Row> records(FeatureKey feature, List<SampleFailure> failures) {
    FeatureSpec spec = store.graph().get(feature);
    if (failures.isEmpty()) {
      return List.of();
    }
    String version = currentVersion(feature);
    Map<String, String> expected = null;
    List<Row> rows = new ArrayList<>();
    for (SampleFailure f : failures) {
      Row s = f.sample();
      String errorMessage = f.errorMessage();
      String key = sampleKey(spec, s);
      String prov = s.getString(SystemColumns.PROVENANCE);
      if (prov == null) {
        if (spec.isRoot()) {
          throw new MetaxyException(
              ErrorCode.INVALID_ROW,
              "Cannot quarantine sample "
                  + key
                  + " of root feature "
                  + feature
                  + " without metaxy_provenance: pass the rows of the increment that failed.");
        }
        if (expected == null) {
          expected = expectedProvenance(spec);
        }
        prov = expected.get(key);
        if (prov == null) {
          throw new MetaxyException(
              ErrorCode.INVALID_ROW,
              "Sample "
                  + key
                  + " of feature "
                  + feature
                  + " is not to be computed (not new or stale), so it cannot be quarantined.");
        }
      }
      rows.add(
          Row.of(
              C_FEATURE,
              feature.toString(),
              C_SAMPLE,
              key,
              C_VERSION,
              version,
              C_PROVENANCE,
              prov,
              C_ERROR,
              errorMessage == null ? "" : errorMessage,
              SystemColumns.PROVENANCE_BY_FIELD,
              Map.of(FIELD, prov)));
    }
    return rows;
  }

  private Map<String, String> expectedProvenance(FeatureSpec spec) {
    Map<String, String> m = new HashMap<>();
    Increment.Materialized inc = store.resolveUpdate(spec.key()).collect();
    for (Row r : inc.toCompute()) {
      m.put(sampleKey(spec, r), r.getString(SystemColumns.PROVENANCE));
    }
    return m;
  }

  /** Active (not released) entries of {@code feature}, any feature version. */
  public List<QuarantineEntry> entries(FeatureKey feature) {
    return read(List.of(C_FEATURE + " = " + literal(feature.toString())));
  }

  /** Every active entry. */
  public List<QuarantineEntry> entries() {
    return read(List.of());
  }

  private List<QuarantineEntry> read(List<String> filters) {
    MetadataStore v = view();
    if (!v.hasFeature(FEATURE)) {
      return List.of();
    }
    List<QuarantineEntry> out = new ArrayList<>();
    try (Stream<Row> rows =
        v.read(FEATURE, ReadOptions.defaults().withFilters(filters.toArray(String[]::new)))) {
      rows.forEach(
          r ->
              out.add(
                  new QuarantineEntry(
                      FeatureKey.of(r.getString(C_FEATURE)),
                      r.getString(C_SAMPLE),
                      r.getString(C_VERSION),
                      r.getString(C_PROVENANCE),
                      r.getString(C_ERROR),
                      instant(r.get(SystemColumns.UPDATED_AT)))));
    }
    return out;
  }

  /**
   * Releases quarantined samples of {@code feature}: those whose ID values match a row of {@code
   * samples}, or all of them when {@code samples} is empty. Returns the number released.
   */
  public long release(FeatureKey feature, List<Row> samples) {
    FeatureSpec spec = store.graph().find(feature).orElse(null);
    Set<String> keys = new HashSet<>();
    if (spec != null) {
      for (Row s : samples) {
        keys.add(sampleKey(spec, s));
      }
    }
    String byFeature = C_FEATURE + " = " + literal(feature.toString());
    if (samples.isEmpty()) {
      long n = entries(feature).size();
      if (n > 0) {
        view().delete(FEATURE, DeleteOptions.soft(byFeature));
      }
      return n;
    }
    long n = 0;
    for (QuarantineEntry e : entries(feature)) {
      if (keys.contains(e.sampleKey())) {
        view()
            .delete(
                FEATURE, DeleteOptions.soft(byFeature, C_SAMPLE + " = " + literal(e.sampleKey())));
        n++;
      }
    }
    return n;
  }

  /** A string literal of the filter grammar ({@code ''} escapes a quote). */
  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** An increment of {@code feature} with its quarantined samples held back, plus those samples. */
  public record Resolved(Increment.Materialized increment, List<Row> quarantined) {}

  /**
   * Resolves {@code feature} like {@link MetadataStore#resolveUpdate} and leaves out new and stale
   * samples quarantined under the current feature version with their current expected provenance.
   */
  public Resolved resolveUpdate(FeatureKey feature, ResolveOptions options) {
    FeatureSpec spec = store.graph().get(feature);
    String version = currentVersion(feature);
    Set<String> held = new HashSet<>();
    for (QuarantineEntry e : entries(feature)) {
      if (version.equals(e.featureVersion())) {
        held.add(e.sampleKey() + "\u0000" + e.provenance());
      }
    }
    Increment.Materialized inc = store.resolveUpdate(feature, options).collect();
    if (held.isEmpty()) {
      return new Resolved(inc, List.of());
    }
    List<Row> quarantined = new ArrayList<>();
    List<Row> n = keep(spec, inc.newRows(), held, quarantined);
    List<Row> s = keep(spec, inc.staleRows(), held, quarantined);
    return new Resolved(new Increment.Materialized(n, s, inc.orphanedRows()), quarantined);
  }

  /** {@link #resolveUpdate(FeatureKey, ResolveOptions)} with default options. */
  public Resolved resolveUpdate(FeatureKey feature) {
    return resolveUpdate(feature, ResolveOptions.defaults());
  }

  private static List<Row> keep(
      FeatureSpec spec, List<Row> rows, Set<String> held, List<Row> quarantined) {
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      if (held.contains(sampleKey(spec, r) + "\u0000" + r.getString(SystemColumns.PROVENANCE))) {
        quarantined.add(r);
      } else {
        out.add(r);
      }
    }
    return out;
  }

  /** The canonical JSON of a row's ID values; error naming the feature and a missing ID column. */
  public static String sampleKey(FeatureSpec spec, Row row) {
    Map<String, Object> ids = new LinkedHashMap<>();
    for (String c : spec.idColumns()) {
      if (!row.has(c) || row.get(c) == null) {
        throw new MetaxyException(
            ErrorCode.INVALID_ROW,
            "Sample row of feature "
                + spec.key()
                + " lacks ID column "
                + c
                + ": pass rows holding every ID column ("
                + String.join(", ", spec.idColumns())
                + ").");
      }
      Object v = row.get(c);
      if (v instanceof Integer i) {
        v = i.longValue();
      }
      ids.put(c, v);
    }
    return CanonicalJson.write(ids);
  }

  private static Instant instant(Object v) {
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    return null;
  }

  /**
   * Forgets the view. It is not closed: a {@code withGraph} view shares the store's connections
   * (closing it would close them for the store too); closing the store releases them.
   */
  @Override
  public void close() {
    view = null;
  }
}
