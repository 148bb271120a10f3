package io.metaxy.ports.quarantine;

import io.metaxy.domain.row.Row;
import java.util.Objects;

/**
 * A sample whose computation failed, reported together with the successes of a write.
 *
 * @param sample the increment row that failed (its ID columns and, best, its {@code
 *     metaxy_provenance})
 * @param errorMessage what went wrong, kept in the quarantine record
 */
public record SampleFailure(Row sample, String errorMessage) {
  public SampleFailure {
    Objects.requireNonNull(sample, "sample");
    errorMessage = errorMessage == null ? "" : errorMessage;
  }

  public static SampleFailure of(Row sample, String errorMessage) {
    return new SampleFailure(sample, errorMessage);
  }
}
