package io.metaxy.config;

import io.metaxy.config.internal.ConfigTree;
import io.metaxy.config.internal.ConfigValidator;
import io.metaxy.config.internal.EnvOverrides;
import io.metaxy.config.internal.Interpolator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and loads {@code metaxy.toml}. The file is {@code $METAXY_CONFIG} when set (relative to the
 * working directory), else the first {@code metaxy.toml} in the working directory or one of its
 * parents; without one, the defaults apply. Then {@code ${VAR}} / {@code ${VAR:-default}} are
 * expanded in string values and {@code METAXY_*} variables override keys ({@code __} separates
 * nesting levels). The environment and working directory are injectable for tests.
 */
public final class ConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  /** The file name searched for. */
  public static final String FILE_NAME = "metaxy.toml";

  /** The variable naming the configuration file explicitly. */
  public static final String CONFIG_ENV = "METAXY_CONFIG";

  private final Map<String, String> env;
  private final Path workingDir;

  private ConfigLoader(Map<String, String> env, Path workingDir) {
    this.env = Map.copyOf(env);
    this.workingDir = workingDir.toAbsolutePath().normalize();
  }

  /** A loader over the process environment and working directory. */
  public static ConfigLoader system() {
    return new ConfigLoader(System.getenv(), Path.of(System.getProperty("user.dir")));
  }

  /** A loader over the given environment and working directory (tests, embedding). */
  public static ConfigLoader of(Map<String, String> env, Path workingDir) {
    return new ConfigLoader(Objects.requireNonNull(env), Objects.requireNonNull(workingDir));
  }

  public Map<String, String> env() {
    return env;
  }

  public Path workingDir() {
    return workingDir;
  }

  /** The file that {@link #load()} reads, if any: {@code $METAXY_CONFIG} or the upward search. */
  public Optional<Path> locate() {
    String explicit = env.get(CONFIG_ENV);
    if (explicit != null && !explicit.isBlank()) {
      Path p = workingDir.resolve(explicit.trim()).normalize();
      if (!Files.isRegularFile(p)) {
        throw new ConfigException(
            List.of(
                "METAXY_CONFIG (env): file "
                    + p
                    + " does not exist; fix the variable or unset it to search for "
                    + FILE_NAME));
      }
      return Optional.of(p);
    }
    for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(FILE_NAME);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Locates and loads the configuration (defaults plus overrides when there is no file). */
  public MetaxyConfig load() {
    Optional<Path> file = locate();
    if (file.isPresent()) {
      return load(file.get());
    }
    LOG.debug("No {} found from {} upward; using defaults", FILE_NAME, workingDir);
    return load(ConfigTree.empty(), null, workingDir);
  }

  /** Loads {@code file} (relative to the working directory) with expansion and overrides. */
  public MetaxyConfig load(Path file) {
    Path p = workingDir.resolve(file).normalize();
    String text;
    try {
      text = Files.readString(p);
    } catch (IOException e) {
      throw new ConfigException(List.of(p + ": cannot read the configuration file: " + e));
    }
    LOG.debug("Loading configuration from {}", p);
    return load(ConfigTree.parse(text, p), p, p.getParent());
  }

  /** Loads TOML text as if read from {@code baseDir/metaxy.toml} (tests, embedding). */
  public MetaxyConfig loadString(String toml, Path baseDir) {
    Path base = workingDir.resolve(baseDir).normalize();
    return load(ConfigTree.parse(toml, base.resolve(FILE_NAME)), null, base);
  }

  /**
   * The effective configuration of {@link #load()} (or of {@code file} when not {@code null}), one
   * value per key, each with its origin: the file and line, the environment variable, or {@code
   * default}.
   */
  public List<ConfigValue> explain(Path file) {
    Path p = file != null ? workingDir.resolve(file).normalize() : locate().orElse(null);
    ConfigTree tree;
    MetaxyConfig cfg;
    if (p == null) {
      tree = ConfigTree.empty();
      cfg = load(tree, null, workingDir);
    } else {
      String text;
      try {
        text = Files.readString(p);
      } catch (IOException e) {
        throw new ConfigException(List.of(p + ": cannot read the configuration file: " + e));
      }
      tree = ConfigTree.parse(text, p);
      cfg = load(tree, p, p.getParent());
    }
    return ConfigExplainer.explain(cfg, tree::exactOrigin);
  }

  private MetaxyConfig load(ConfigTree tree, Path source, Path baseDir) {
    List<String> problems = new ArrayList<>();
    new Interpolator(env::get).expand(tree.root(), "", tree, problems);
    EnvOverrides.apply(tree, env, problems);
    return ConfigValidator.validate(tree, source, baseDir, problems);
  }
}
