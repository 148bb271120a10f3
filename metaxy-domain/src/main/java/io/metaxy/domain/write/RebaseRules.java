package io.metaxy.domain.write;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Rebase (data migration) rules shared by every store (ADR-0004):
 *
 * <ul>
 *   <li>a root feature is refused: its provenance comes from the caller, so there is nothing to
 *       recompute (re-ingest its samples instead);
 *   <li>the target is the current feature version; naming another one is refused, since new
 *       provenance can only be computed under the current definitions;
 *   <li>every sample of the source version gets provenance computed from the current upstream, also
 *       samples that already have rows under the target version; a field whose stored data version
 *       differed from its stored provenance (a user override) keeps it, the others follow the new
 *       provenance; user columns and {@code metaxy_created_at} are kept.
 * </ul>
 */
public final class RebaseRules {
  private RebaseRules() {}

  /**
   * Checks a rebase request; returns the target version (the current one).
   *
   * @throws MetaxyException {@code MIGRATION_FAILED} for a root feature or a foreign target, {@code
   *     INVALID_CONFIG} for a missing source version
   */
  public static String check(
      FeatureSpec spec, String fromVersion, String toVersion, String currentVersion) {
    if (spec.isRoot()) {
      throw new MetaxyException(
          ErrorCode.MIGRATION_FAILED,
          "Cannot rebase root feature "
              + spec.key()
              + ": its provenance is given by the caller, not computed from upstream. Re-ingest"
              + " its samples (resolveUpdate with samples, then write) instead.");
    }
    if (fromVersion == null || fromVersion.isBlank()) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "No source feature version given for rebasing "
              + spec.key()
              + ": name the old version (see the feature_versions snapshots).");
    }
    if (toVersion != null && !toVersion.equals(currentVersion)) {
      throw new MetaxyException(
          ErrorCode.MIGRATION_FAILED,
          "Cannot rebase "
              + spec.key()
              + " to feature version "
              + toVersion
              + ": only the current feature version "
              + currentVersion
              + " can be a target, since new provenance is computed under the current"
              + " definitions. Pass null (or the current version) as the target.");
    }
    return currentVersion;
  }

  /**
   * The rebased copy of {@code old} (a latest, live row of the source version).
   *
   * @param newProvenanceByField provenance computed from the current upstream, or {@code null} when
   *     the upstream no longer has the sample (the stored provenance is kept)
   */
  public static Row rebased(
      Row old,
      Map<String, String> newProvenanceByField,
      String targetVersion,
      String projectVersion,
      Instant now,
      Function<Map<String, String>, String> combiner) {
    Map<String, String> oldPbf = old.getMap(SystemColumns.PROVENANCE_BY_FIELD);
    Map<String, String> oldDv = old.getMap(SystemColumns.DATA_VERSION_BY_FIELD);
    Map<String, String> pbf =
        new TreeMap<>(newProvenanceByField != null ? newProvenanceByField : oldPbf);
    Map<String, String> dv = new TreeMap<>(pbf);
    oldDv.forEach(
        (f, v) -> {
          if (v != null && !v.equals(oldPbf.get(f)) && pbf.containsKey(f)) {
            dv.put(f, v); // a user override survives the rebase
          }
        });
    Row.Builder b = old.toBuilder();
    b.set(SystemColumns.PROVENANCE_BY_FIELD, pbf);
    b.set(SystemColumns.PROVENANCE, combiner.apply(pbf));
    b.set(SystemColumns.DATA_VERSION_BY_FIELD, dv);
    b.set(SystemColumns.DATA_VERSION, combiner.apply(dv));
    b.set(SystemColumns.FEATURE_VERSION, targetVersion);
    b.set(SystemColumns.PROJECT_VERSION, projectVersion);
    b.set(SystemColumns.UPDATED_AT, now);
    b.set(SystemColumns.DELETED_AT, null);
    return b.build();
  }
}
