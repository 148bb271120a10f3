package io.metaxy.cli.internal;

import io.metaxy.cli.CliEnvironment;
import io.metaxy.config.ConfigLoader;
import io.metaxy.config.Metaxy;
import io.metaxy.config.MetaxyConfig;
import io.metaxy.config.MetaxyContext;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.json.DefinitionsCodec;
import io.metaxy.ports.store.MetadataStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared plumbing of the commands: options, output, context and store access. */
abstract class BaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  final CliEnvironment env;

  BaseCommand(CliEnvironment env) {
    this.env = env;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  private CommonOptions root() {
    CommandSpec mixin = spec.root().mixins().get("common");
    return mixin == null ? null : (CommonOptions) mixin.userObject();
  }

  Path configOption() {
    CommonOptions r = root();
    return common.config != null ? common.config : r == null ? null : r.config;
  }

  String storeOption() {
    CommonOptions r = root();
    return common.store != null ? common.store : r == null ? null : r.store;
  }

  boolean quiet() {
    CommonOptions r = root();
    return common.quiet || (r != null && r.quiet);
  }

  String classpathOption() {
    CommonOptions r = root();
    String cp = common.classpath != null ? common.classpath : r == null ? null : r.classpath;
    return cp != null ? cp : env.env().get("METAXY_CLASSPATH");
  }

  /**
   * The class loader of discovery and stores: the CLI's own, extended by {@code --classpath} (or
   * {@code METAXY_CLASSPATH}); it also becomes the thread's context class loader.
   */
  ClassLoader classLoader() {
    String cp = classpathOption();
    if (cp == null || cp.isBlank()) {
      return env.classLoader();
    }
    ClassLoader cl = UserClassPath.loader(cp, env.workingDir(), env.classLoader());
    Thread.currentThread().setContextClassLoader(cl);
    return cl;
  }

  ConfigLoader loader() {
    return ConfigLoader.of(env.env(), env.workingDir());
  }

  /** The configuration alone (no discovery). */
  MetaxyConfig loadConfig() {
    Path file = configOption();
    return file == null ? loader().load() : loader().load(file);
  }

  /** Loads the configuration and discovers features. Close it. */
  MetaxyContext openContext() {
    Metaxy.Builder b =
        Metaxy.builder().loader(loader()).classLoader(classLoader()).clock(env.clock());
    if (configOption() != null) {
      b.configFile(configOption());
    }
    return b.init();
  }

  /**
   * Like {@link #openContext()} for commands that only inspect: stores open read-only ({@link
   * Metaxy.Builder#readOnly}), so a DuckDB file can be inspected by several processes at once and a
   * write is refused.
   */
  MetaxyContext openContextReadOnly() {
    Metaxy.Builder b =
        Metaxy.builder()
            .loader(loader())
            .classLoader(classLoader())
            .clock(env.clock())
            .readOnly(true);
    if (configOption() != null) {
      b.configFile(configOption());
    }
    return b.init();
  }

  /**
   * Like {@link #openContext()}, but stores do not create missing tables on open ({@code
   * auto_create_tables = false}): schema migrations own the schema.
   */
  MetaxyContext openContextWithoutAutoCreate() {
    MetaxyConfig cfg = loadConfig().toBuilder().autoCreateTables(false).build();
    return Metaxy.builder().config(cfg).classLoader(classLoader()).clock(env.clock()).init();
  }

  String storeName(MetaxyContext mx) {
    String s = storeOption();
    return s == null ? mx.config().defaultStore() : s;
  }

  MetadataStore store(MetaxyContext mx) {
    return mx.store(storeName(mx));
  }

  GraphVersions versions(MetaxyContext mx) {
    return mx.graph().versions(mx.config().truncation());
  }

  /** Parses a feature argument and checks that the graph has it. */
  FeatureKey feature(MetaxyContext mx, String key) {
    FeatureKey k = FeatureKey.of(key);
    mx.graph().get(k);
    return k;
  }

  Progress progress(String label, int total) {
    return new Progress(err(), label, total, !quiet());
  }

  void printJson(Object tree) {
    out().println(DefinitionsCodec.writeTree(tree));
    out().flush();
  }
}
