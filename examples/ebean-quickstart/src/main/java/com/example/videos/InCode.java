package com.example.videos;

// tag::incode[]
import io.metaxy.adapter.ebean.EbeanFeatures;
import io.metaxy.adapter.ebean.EbeanMetadataStore;
import io.metaxy.adapter.ebean.EbeanStoreConfig;
import io.metaxy.ports.store.StoreSettings;

/** The store without metaxy.toml: entities, graph and settings in code. */
public final class InCode {
  private InCode() {}

  /** An opened store on {@code url}; migrations-first like the metaxy.toml default. */
  public static EbeanMetadataStore open(String url, String user, String password) {
    EbeanStoreConfig config =
        EbeanStoreConfig.builder()
            .url(url)
            .user(user)
            .password(password)
            .entityClasses(Video.class, VideoFrames.class)
            .defaultDatabase(true) // DB.find(...) uses this store's database
            .build();
    StoreSettings settings =
        StoreSettings.builder(EbeanFeatures.graphOf(Video.class, VideoFrames.class))
            .autoCreateTables(false) // in code the default is true
            .build();
    EbeanMetadataStore store = new EbeanMetadataStore(config, settings);
    store.open();
    return store;
  }
}
// end::incode[]
