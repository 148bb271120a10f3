package io.metaxy.config;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import java.util.List;

/**
 * {@code metaxy.toml}, its environment overrides or an entry point is wrong. Every problem found is
 * listed together, each with its key path and where it came from ({@code file:line} or the
 * environment variable).
 */
public class ConfigException extends MetaxyException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> problems;

  public ConfigException(List<String> problems) {
    super(
        ErrorCode.INVALID_CONFIG,
        problems.size()
            + " problem(s) in Metaxy configuration:\n  - "
            + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order found; each starts with its key path. */
  public List<String> problems() {
    return problems;
  }
}
