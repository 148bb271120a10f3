package io.metaxy.config;

import io.metaxy.config.internal.FeatureDiscovery;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.discovery.DiscoveredFeature;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The entry point: {@code Metaxy.init()} loads {@code metaxy.toml}, discovers every feature from
 * the configured entry points (JSON definitions files, packages scanned by {@link
 * io.metaxy.ports.discovery.FeatureScanner}s) and the {@link io.metaxy.ports.discovery.FeatureSet}s
 * on the class path, builds the feature graph and returns a {@link MetaxyContext} whose stores are
 * created by type through the provider SPI.
 *
 * <pre>{@code
 * try (MetaxyContext mx = Metaxy.init()) {
 *   MetadataStore store = mx.defaultStore();
 * }
 * }</pre>
 */
public final class Metaxy {
  private Metaxy() {}

  /** Initialises from the process environment and working directory. */
  public static MetaxyContext init() {
    return builder().init();
  }

  /** Initialises from the given configuration file. */
  public static MetaxyContext init(Path configFile) {
    return builder().configFile(configFile).init();
  }

  /** Initialises from an already loaded configuration. */
  public static MetaxyContext init(MetaxyConfig config) {
    return builder().config(config).init();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options of {@link Metaxy#init()}: where the config comes from, class loader, clock. */
  public static final class Builder {
    private ConfigLoader loader;
    private Path configFile;
    private MetaxyConfig config;
    private ClassLoader classLoader;
    private Clock clock = Clock.systemUTC();
    private boolean readOnly;
    private final List<FeatureSpec> extraFeatures = new ArrayList<>();

    private Builder() {}

    /** Loads the configuration with {@code loader} (injected environment and working dir). */
    public Builder loader(ConfigLoader v) {
      this.loader = Objects.requireNonNull(v);
      return this;
    }

    /** Reads this file instead of searching. */
    public Builder configFile(Path v) {
      this.configFile = Objects.requireNonNull(v);
      return this;
    }

    /** Uses this configuration as it is. */
    public Builder config(MetaxyConfig v) {
      this.config = Objects.requireNonNull(v);
      return this;
    }

    /** The class loader for ServiceLoader look-ups (default: the thread's context loader). */
    public Builder classLoader(ClassLoader v) {
      this.classLoader = Objects.requireNonNull(v);
      return this;
    }

    /** The clock handed to stores (default UTC system clock). */
    public Builder clock(Clock v) {
      this.clock = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Opens stores for inspection only: read-only connections where the database has them (a DuckDB
     * file read-only, so several inspecting processes can open it at once), no table creation, and
     * every write refused with an error naming it.
     */
    public Builder readOnly(boolean v) {
      this.readOnly = v;
      return this;
    }

    /** Adds features defined in code to those discovered. */
    public Builder feature(FeatureSpec spec) {
      this.extraFeatures.add(Objects.requireNonNull(spec));
      return this;
    }

    /** Loads, discovers and builds the graph; stores are created on first use. */
    public MetaxyContext init() {
      MetaxyConfig cfg = config;
      if (cfg == null) {
        ConfigLoader l = loader == null ? ConfigLoader.system() : loader;
        cfg = configFile == null ? l.load() : l.load(configFile);
      }
      ClassLoader cl = classLoader;
      if (cl == null) {
        cl = Thread.currentThread().getContextClassLoader();
      }
      if (cl == null) {
        cl = Metaxy.class.getClassLoader();
      }
      List<DiscoveredFeature> features = FeatureDiscovery.discover(cfg, cl, extraFeatures);
      FeatureGraph graph = FeatureGraph.of(features.stream().map(DiscoveredFeature::spec).toList());
      return new MetaxyContext(cfg, graph, features, cl, clock, readOnly);
    }
  }
}
