package io.metaxy.adapter.ebean;

import io.ebean.Database;
import io.metaxy.adapter.ebean.internal.Dialect;
import io.metaxy.adapter.ebean.internal.RequiredArtifacts;
import io.metaxy.domain.error.MetaxyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of an {@link EbeanMetadataStore}: where the database is (a JDBC url with user and
 * password, or an existing Ebean {@link Database}), the entity features, whether table names are
 * inferred from keys, the Flyway history tables, the physical {@link EbeanLayout}, and whether the
 * store's Ebean database becomes the default one ({@code DB.find(...)}).
 */
public final class EbeanStoreConfig {
  /** Default Flyway history table of the system migrations. */
  public static final String DEFAULT_SYSTEM_HISTORY_TABLE = "metaxy_system_schema_history";

  /** Default Flyway history table of the user's feature migrations. */
  public static final String DEFAULT_FEATURE_HISTORY_TABLE = "flyway_schema_history";

  private final String url;
  private final String username;
  private final String password;
  private final Database database;
  private final List<EntityFeature> entities;
  private final boolean inferTableNames;
  private final String systemHistoryTable;
  private final String featureHistoryTable;
  private final boolean defaultDatabase;
  private final String name;
  private final EbeanLayout layout;

  private EbeanStoreConfig(Builder b) {
    this.url = b.url;
    this.username = b.username;
    this.password = b.password;
    this.database = b.database;
    this.entities = List.copyOf(b.entities);
    this.inferTableNames = b.inferTableNames;
    this.systemHistoryTable = b.systemHistoryTable;
    this.featureHistoryTable = b.featureHistoryTable;
    this.defaultDatabase = b.defaultDatabase;
    this.name = b.name;
    this.layout = b.layout;
    if (url == null && database == null) {
      throw new IllegalArgumentException("EbeanStoreConfig needs a url or an Ebean Database");
    }
    if (database == null && supported(url)) {
      // drivers and platforms are optional dependencies of the adapter: name a missing one
      RequiredArtifacts.of(Dialect.fromUrl(url)).requireStoreArtifacts();
    }
  }

  /** Whether the url names a supported database (an unsupported one is reported at open). */
  private static boolean supported(String url) {
    try {
      Dialect.fromUrl(url);
      return true;
    } catch (MetaxyException e) {
      return false;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public String url() {
    return url;
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  /** An existing Ebean database to use (the store then never shuts it down), or {@code null}. */
  public Database database() {
    return database;
  }

  public List<EntityFeature> entities() {
    return entities;
  }

  public boolean inferTableNames() {
    return inferTableNames;
  }

  public String systemHistoryTable() {
    return systemHistoryTable;
  }

  public String featureHistoryTable() {
    return featureHistoryTable;
  }

  public boolean defaultDatabase() {
    return defaultDatabase;
  }

  public String name() {
    return name;
  }

  /** The physical layout of the store's tables (default {@link EbeanLayout#PYTHON}). */
  public EbeanLayout layout() {
    return layout;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.url = url;
    b.username = username;
    b.password = password;
    b.database = database;
    b.entities.addAll(entities);
    b.inferTableNames = inferTableNames;
    b.systemHistoryTable = systemHistoryTable;
    b.featureHistoryTable = featureHistoryTable;
    b.defaultDatabase = defaultDatabase;
    b.name = name;
    b.layout = layout;
    return b;
  }

  /** Builds an {@link EbeanStoreConfig}. */
  public static final class Builder {
    private String url;
    private String username;
    private String password;
    private Database database;
    private final List<EntityFeature> entities = new ArrayList<>();
    private boolean inferTableNames = true;
    private String systemHistoryTable = DEFAULT_SYSTEM_HISTORY_TABLE;
    private String featureHistoryTable = DEFAULT_FEATURE_HISTORY_TABLE;
    private boolean defaultDatabase;
    private String name = "metaxy";
    private EbeanLayout layout = EbeanLayout.PYTHON;

    private Builder() {}

    public Builder url(String v) {
      this.url = v;
      return this;
    }

    /** The database user (config key {@code user}, as in the jOOQ stores). */
    public Builder user(String v) {
      this.username = v;
      return this;
    }

    /** Same as {@link #user(String)}. */
    public Builder username(String v) {
      this.username = v;
      return this;
    }

    public Builder password(String v) {
      this.password = v;
      return this;
    }

    /** Uses an existing Ebean database instead of a url. */
    public Builder database(Database v) {
      this.database = v;
      return this;
    }

    /** Adds annotated feature entity classes (validated now). */
    public Builder entityClasses(Class<?>... classes) {
      for (Class<?> c : classes) {
        entities.add(EbeanFeatures.describe(c));
      }
      return this;
    }

    /** Adds feature entities (e.g. with programmatic specs). */
    public Builder entities(List<EntityFeature> features) {
      entities.addAll(features);
      return this;
    }

    /** {@code false}: table names are not derived from feature keys (Ebean's default naming). */
    public Builder inferTableNames(boolean v) {
      this.inferTableNames = v;
      return this;
    }

    public Builder systemHistoryTable(String v) {
      this.systemHistoryTable = Objects.requireNonNull(v);
      return this;
    }

    public Builder featureHistoryTable(String v) {
      this.featureHistoryTable = Objects.requireNonNull(v);
      return this;
    }

    /** Registers the store's Ebean database as the default ({@code DB.find(...)} works). */
    public Builder defaultDatabase(boolean v) {
      this.defaultDatabase = v;
      return this;
    }

    /** The Ebean database name. */
    public Builder name(String v) {
      this.name = Objects.requireNonNull(v);
      return this;
    }

    /** The physical layout of the tables (config key {@code layout}; default python). */
    public Builder layout(EbeanLayout v) {
      this.layout = Objects.requireNonNull(v, "layout");
      return this;
    }

    public EbeanStoreConfig build() {
      return new EbeanStoreConfig(this);
    }
  }
}
