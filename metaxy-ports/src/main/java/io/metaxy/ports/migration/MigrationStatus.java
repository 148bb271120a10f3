package io.metaxy.ports.migration;

import java.util.ArrayList;
import java.util.List;

/**
 * Applied, pending and failed versions of the system and feature migration histories. Every store
 * builds it with {@link #of} from its tool's entries, so status reporting is the same everywhere:
 * baselines are left out and a failed migration is reported as failed, never as applied.
 */
public record MigrationStatus(
    List<String> systemApplied,
    List<String> systemPending,
    List<String> featuresApplied,
    List<String> featuresPending,
    List<String> systemFailed,
    List<String> featuresFailed) {
  public MigrationStatus {
    systemApplied = List.copyOf(systemApplied);
    systemPending = List.copyOf(systemPending);
    featuresApplied = List.copyOf(featuresApplied);
    featuresPending = List.copyOf(featuresPending);
    systemFailed = systemFailed == null ? List.of() : List.copyOf(systemFailed);
    featuresFailed = featuresFailed == null ? List.of() : List.copyOf(featuresFailed);
  }

  /** A status without failed migrations. */
  public MigrationStatus(
      List<String> systemApplied,
      List<String> systemPending,
      List<String> featuresApplied,
      List<String> featuresPending) {
    this(systemApplied, systemPending, featuresApplied, featuresPending, List.of(), List.of());
  }

  /** The status of both histories, classified by {@link MigrationEntry.State}. */
  public static MigrationStatus of(List<MigrationEntry> system, List<MigrationEntry> features) {
    List<String> sa = new ArrayList<>();
    List<String> sp = new ArrayList<>();
    List<String> sf = new ArrayList<>();
    List<String> fa = new ArrayList<>();
    List<String> fp = new ArrayList<>();
    List<String> ff = new ArrayList<>();
    classify(system, sa, sp, sf);
    classify(features, fa, fp, ff);
    return new MigrationStatus(sa, sp, fa, fp, sf, ff);
  }

  private static void classify(
      List<MigrationEntry> entries,
      List<String> applied,
      List<String> pending,
      List<String> failed) {
    for (MigrationEntry e : entries) {
      if (e.version() == null || "0".equals(e.version())) {
        continue;
      }
      switch (e.state()) {
        case APPLIED -> applied.add(e.version());
        case PENDING -> pending.add(e.version());
        case FAILED -> failed.add(e.version());
        default -> {
          // not reported
        }
      }
    }
  }

  /** True when no system migration is pending or failed: feature migrations may run. */
  public boolean systemUpToDate() {
    return systemPending.isEmpty() && systemFailed.isEmpty();
  }
}
