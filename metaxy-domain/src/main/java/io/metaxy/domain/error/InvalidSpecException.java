package io.metaxy.domain.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when feature specs or a feature graph break one or more rules; every problem found is
 * reported together, each naming feature, field and rule.
 */
public class InvalidSpecException extends MetaxyException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public InvalidSpecException(List<Problem> problems) {
    super(
        problems.size() == 1 ? problems.get(0).code() : ErrorCode.INVALID_SPEC,
        problems.size()
            + " problem(s) in feature definitions:\n"
            + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in a deterministic order. */
  public List<Problem> problems() {
    return problems;
  }
}
