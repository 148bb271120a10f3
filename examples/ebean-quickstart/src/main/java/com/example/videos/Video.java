package com.example.videos;

// tag::video[]
import io.metaxy.adapter.ebean.EbeanFeature;
import io.metaxy.adapter.ebean.Feature;
import io.metaxy.adapter.ebean.Field; // not java.lang.reflect.Field
import io.metaxy.adapter.ebean.IdColumns;
import jakarta.persistence.Entity;

/** Root feature "video": one row per video file, written by the application. */
@Entity
@IdColumns("sample_id")
@Feature(
    key = "video",
    fields = {@Field(key = "frames", codeVersion = "1"), @Field(key = "audio", codeVersion = "1")})
public class Video extends EbeanFeature {
  private String sampleId;
  private String path;

  public String getSampleId() {
    return sampleId;
  }

  public void setSampleId(String sampleId) {
    this.sampleId = sampleId;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }
}
// end::video[]
