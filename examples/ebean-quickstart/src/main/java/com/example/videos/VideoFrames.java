package com.example.videos;

// tag::frames[]
import io.metaxy.adapter.ebean.EbeanFeature;
import io.metaxy.adapter.ebean.Feature;
import io.metaxy.adapter.ebean.Field;
import io.metaxy.adapter.ebean.FieldDependency;
import io.metaxy.adapter.ebean.IdColumns;
import jakarta.persistence.Entity;

/** "video/frames": computed from the frames of {@link Video} only (audio changes do not matter). */
@Entity
@IdColumns("sample_id")
@Feature(
    key = "video/frames",
    deps = Video.class,
    fields =
        @Field(
            key = "count",
            codeVersion = "1",
            deps = @FieldDependency(feature = Video.class, fields = "frames")))
public class VideoFrames extends EbeanFeature {
  private String sampleId;
  private long frameCount;

  public String getSampleId() {
    return sampleId;
  }

  public void setSampleId(String sampleId) {
    this.sampleId = sampleId;
  }

  public long getFrameCount() {
    return frameCount;
  }

  public void setFrameCount(long frameCount) {
    this.frameCount = frameCount;
  }
}
// end::frames[]
