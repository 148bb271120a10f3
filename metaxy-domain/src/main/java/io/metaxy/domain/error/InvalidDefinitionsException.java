package io.metaxy.domain.error;

import java.util.List;

/**
 * A definitions document (JSON form, docs/semantics.md §7) is malformed; every problem is listed
 * with its path.
 */
public class InvalidDefinitionsException extends MetaxyException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> problems;

  public InvalidDefinitionsException(List<String> problems) {
    super(
        ErrorCode.INVALID_DEFINITIONS,
        "Invalid feature definitions:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
