package io.metaxy.domain.provenance;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Supplies the rows of one upstream feature to the {@link ProvenanceEngine}: already merged (the
 * latest row per sample, soft-deleted rows excluded) under the upstream's current feature version,
 * with any per-feature and global filters of the caller applied. The engine closes the stream.
 *
 * <p>The engine calls {@link #rows} from the calling thread only, unless the source says it may be
 * called from any thread ({@link #threadSafe()}, see {@link #threadSafe(UpstreamSource)}): then the
 * engine may read and index several upstreams at once.
 */
@FunctionalInterface
public interface UpstreamSource {
  Stream<Row> rows(FeatureKey upstream);

  /**
   * True when {@link #rows} may be called from any thread, several at once, and its streams
   * consumed there (e.g. a store whose reads take no thread-bound transaction). Default {@code
   * false}.
   */
  default boolean threadSafe() {
    return false;
  }

  /** {@code source}, declared callable from any thread (see {@link #threadSafe()}). */
  static UpstreamSource threadSafe(UpstreamSource source) {
    Objects.requireNonNull(source, "source");
    return new UpstreamSource() {
      @Override
      public Stream<Row> rows(FeatureKey upstream) {
        return source.rows(upstream);
      }

      @Override
      public boolean threadSafe() {
        return true;
      }
    };
  }
}
