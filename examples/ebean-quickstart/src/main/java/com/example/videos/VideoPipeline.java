package com.example.videos;

// tag::pipeline[]
import io.metaxy.adapter.ebean.EbeanMetadataStore;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.WriteOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The pipeline: write the root rows, then compute only what their changes require. */
public final class VideoPipeline {
  public static final FeatureKey FRAMES = FeatureKey.of("video/frames");

  /** A video file as the application sees it, with a content checksum per field. */
  public record VideoFile(String id, String path, String framesChecksum, String audioChecksum) {}

  /** How many samples a run computed. */
  public record Outcome(int newSamples, int staleSamples) {}

  private VideoPipeline() {}

  /**
   * Writes the root feature. A root's provenance is yours to give: per field, a value that changes
   * exactly when that field's input changes (here the checksum of the frames and of the audio).
   */
  public static void writeVideos(EbeanMetadataStore store, List<VideoFile> files) {
    List<Video> rows = new ArrayList<>();
    for (VideoFile f : files) {
      Video v = new Video();
      v.setSampleId(f.id());
      v.setPath(f.path());
      v.setMetaxyProvenanceByField(
          Map.of("frames", f.framesChecksum(), "audio", f.audioChecksum()));
      rows.add(v);
    }
    store.writeEntities(rows, WriteOptions.defaults());
  }

  /** Computes "video/frames" for new and stale samples only; the store fills the provenance. */
  public static Outcome processFrames(EbeanMetadataStore store) {
    Increment.Materialized todo = store.resolveUpdate(FRAMES).collect();
    List<VideoFrames> computed = new ArrayList<>();
    for (Row r : todo.toCompute()) {
      VideoFrames out = new VideoFrames();
      out.setSampleId(r.getString("sample_id"));
      out.setFrameCount(countFrames(r.getString("sample_id")));
      out.setMetaxyProvenanceByField(r.getMap(SystemColumns.PROVENANCE_BY_FIELD));
      computed.add(out);
    }
    store.writeEntities(computed, WriteOptions.defaults());
    return new Outcome(todo.newRows().size(), todo.staleRows().size());
  }

  private static long countFrames(String sampleId) {
    return 24L * (sampleId.length() + 1); // stands in for decoding the video
  }
}
// end::pipeline[]
