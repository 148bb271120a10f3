package io.metaxy.domain.error;

import java.util.List;

/** The feature dependencies form a cycle; {@link #cycle()} lists it, first key repeated last. */
public class GraphCycleException extends MetaxyException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> cycle;

  public GraphCycleException(List<String> cycle) {
    super(
        ErrorCode.GRAPH_CYCLE,
        "Feature dependencies form a cycle: "
            + String.join(" -> ", cycle)
            + ". Remove one of these dependencies so the features form a DAG.");
    this.cycle = List.copyOf(cycle);
  }

  public List<String> cycle() {
    return cycle;
  }
}
