package io.metaxy.ports.store;

/**
 * Options of a write.
 *
 * @param materializationId the orchestrator's run id stored in {@code metaxy_materialization_id},
 *     or {@code null}
 */
public record WriteOptions(String materializationId) {
  public static WriteOptions defaults() {
    return new WriteOptions(null);
  }

  public static WriteOptions materializationId(String id) {
    return new WriteOptions(id);
  }
}
