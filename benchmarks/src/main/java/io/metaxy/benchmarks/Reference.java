package io.metaxy.benchmarks;

import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.JdkRowHashers;
import io.metaxy.domain.hash.RowHasher;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The docs/semantics.md §3 formulas computed in plain Java (md5, truncation 8) for the benchmark
 * data: the independent reference every store and floor is checked against, and the rows seeded
 * into the leaf.
 */
public final class Reference {
  private final Scenario scenario;
  private final RowHasher md5 = JdkRowHashers.forAlgorithm(HashAlgorithm.MD5).orElseThrow();
  private final List<Scenario.LeafField> fields;

  public Reference(Scenario scenario) {
    this.scenario = scenario;
    this.fields = scenario.leafFields();
  }

  private String hash(String s) {
    return Truncation.DEFAULT.apply(md5.hash(s));
  }

  /** The leaf's expected provenance by field of sample {@code id} (struct-key order). */
  public Map<String, String> provenanceByField(long id, boolean changed) {
    Map<String, String> out = new TreeMap<>();
    for (Scenario.LeafField f : fields) {
      StringBuilder sb = new StringBuilder(f.prefix());
      for (FieldRef p : f.parents()) {
        int root = scenario.rootIndex(p.feature());
        sb.append('|')
            .append(p)
            .append('|')
            .append(Scenario.value(root, p.field().structKey(), id, changed));
      }
      out.put(f.structKey(), hash(sb.toString()));
    }
    return out;
  }

  /** {@code metaxy_provenance} of a per-field map. */
  public String provenance(Map<String, String> byField) {
    return hash(String.join("|", new TreeMap<>(byField).values()));
  }

  /** A root sample as written: ID plus {@code metaxy_provenance_by_field}. */
  public Row rootRow(int root, long id, boolean changed) {
    Map<String, String> pbf = new LinkedHashMap<>();
    for (String f : scenario.rootFields(root)) {
      pbf.put(f, Scenario.value(root, f, id, changed));
    }
    return Row.of(Scenario.ID, id, SystemColumns.PROVENANCE_BY_FIELD, pbf);
  }

  /** An up-to-date leaf row of the initial data, as the leaf's computation would write it. */
  public Row leafRow(long id) {
    Map<String, String> pbf = provenanceByField(id, false);
    return Row.of(
        Scenario.ID,
        id,
        SystemColumns.PROVENANCE_BY_FIELD,
        pbf,
        SystemColumns.PROVENANCE,
        provenance(pbf));
  }

  /** The checksum a correct result of {@code phase} over {@code n} samples has. */
  public long expectedChecksum(Phase phase, long n) {
    long sum = 0;
    for (long id = 0; id < n; id++) {
      if (phase == Phase.NEW) {
        sum += Tally.mix(Tally.Kind.NEW, id, provenance(provenanceByField(id, false)));
      } else if (Scenario.isChanged(id)) {
        sum += Tally.mix(Tally.Kind.STALE, id, provenance(provenanceByField(id, true)));
      }
    }
    return sum;
  }
}
