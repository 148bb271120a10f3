package com.example.videos;

// tag::main[]
import com.example.videos.VideoPipeline.VideoFile;
import io.metaxy.adapter.ebean.EbeanMetadataStore;
import io.metaxy.adapter.ebean.EbeanSchemaMigrator;
import io.metaxy.config.Metaxy;
import io.metaxy.config.MetaxyContext;
import java.nio.file.Path;
import java.util.List;

/** Applies the migrations, then runs the pipeline once against the store of metaxy.toml. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    try (MetaxyContext metaxy = Metaxy.init()) { // reads ./metaxy.toml
      EbeanMetadataStore store = metaxy.defaultStore(EbeanMetadataStore.class); // no cast
      migrate(store, Path.of("migrations")); // the CLI's default folder
      VideoPipeline.writeVideos(
          store,
          List.of(
              new VideoFile("v1", "/videos/v1.mp4", "f-1", "a-1"),
              new VideoFile("v2", "/videos/v2.mp4", "f-2", "a-2"),
              new VideoFile("v3", "/videos/v3.mp4", "f-3", "a-3")));
      System.out.println(VideoPipeline.processFrames(store));
    }
  }

  /**
   * System tables first, then your feature tables. {@code generateFeatureMigrations} diffs the
   * entities against the scripts already in {@code dir} (keep its {@code model/} folder): run it
   * when entities change and commit the new script; at deploy time only the two migrate calls run.
   */
  public static void migrate(EbeanMetadataStore store, Path dir) {
    EbeanSchemaMigrator migrator = store.schemaMigrator();
    migrator.migrateSystem();
    migrator.generateFeatureMigrations(dir, "video tables");
    migrator.migrateFeatures(dir);
  }
}
// end::main[]
