package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;

import io.ebean.config.DatabaseConfig;
import io.metaxy.adapter.ebean.fixtures.video.AudioFeature;
import io.metaxy.adapter.ebean.fixtures.video.VideoFeature;
import io.metaxy.adapter.ebean.fixtures.video.VideoProcessing;
import io.metaxy.config.Metaxy;
import io.metaxy.config.MetaxyContext;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Metaxy.init()} discovers the entity features through the Ebean scanner, registers them
 * (and the system tables) with an Ebean {@code DatabaseConfig}, and creates an {@code ebean} store
 * that writes those features as entities.
 */
class EbeanMetaxyInitTest {
  @TempDir Path dir;

  @Test
  void initDiscoversEntityFeaturesForEbeanAndTheStore() throws Exception {
    TestDatabases.Storage storage = TestDatabases.create(TestDatabases.Kind.H2);
    Path toml = dir.resolve("metaxy.toml");
    Files.writeString(
        toml,
        "project = \"videos\"\n"
            + "entrypoints = [\"io.metaxy.adapter.ebean.fixtures.video\"]\n"
            + "store = \"db\"\n"
            + "auto_create_tables = true\n"
            + "[stores.db]\n"
            + "type = \"ebean\"\n"
            + "[stores.db.config]\n"
            + "url = \""
            + storage.url()
            + "\"\n"
            + "user = \"sa\"\n");
    try (MetaxyContext ctx = Metaxy.init(toml)) {
      assertThat(ctx.graph().features())
          .extracting(f -> f.key().toString())
          .containsExactlyInAnyOrder("video", "video/processing", "audio");
      assertThat(ctx.featureClass(FeatureKey.of("video/processing")))
          .contains(VideoProcessing.class);

      // get_metaxy_metadata(): every entity feature plus the system tables, for Ebean tooling.
      DatabaseConfig cfg = new DatabaseConfig();
      List<EntityFeature> registered = EbeanRegistration.register(cfg, ctx.features(), true);
      assertThat(registered)
          .extracting(EntityFeature::entityClass)
          .containsExactlyInAnyOrder(VideoFeature.class, VideoProcessing.class, AudioFeature.class);
      assertThat(cfg.getClasses())
          .contains(MetaxyMigrationEvent.class)
          .doesNotContain(MetaxyFeatureVersion.class); // python layout: not an entity

      EbeanMetadataStore store = ctx.defaultStore(EbeanMetadataStore.class);
      store.open();
      FeatureKey video = FeatureKey.of("video");
      store.write(
          video,
          List.of(
              Row.of(
                  "sample_id",
                  "s1",
                  "path",
                  "/v/s1.mp4",
                  "duration",
                  2.0,
                  "metaxy_provenance_by_field",
                  Map.of("frames", "f", "duration", "d"))));
      // Written through the entity: Ebean sees the bean with its system columns.
      VideoFeature bean =
          store.database().find(VideoFeature.class).where().eq("sampleId", "s1").findOne();
      assertThat(bean.path).isEqualTo("/v/s1.mp4");
      assertThat(bean.getMetaxyProvenance()).isNotBlank();
      try (Stream<Row> rows = store.read(video)) {
        assertThat(rows.toList()).hasSize(1);
      }
    } finally {
      storage.drop().run();
    }
  }
}
