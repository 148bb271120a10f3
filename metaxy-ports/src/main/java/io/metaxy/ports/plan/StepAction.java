package io.metaxy.ports.plan;

/** What a step of a {@link MigrationPlan} does to a feature's stored metadata. */
public enum StepAction {
  /**
   * Keep the data: carry the rows of the old feature version to the new one with new provenance
   * ({@link io.metaxy.ports.system.DataMigrator#rebase}).
   */
  REBASE("rebase"),
  /**
   * The data changes: the pipeline must recompute the feature (apply leaves it to the pipeline).
   */
  RECOMPUTE("recompute");

  private final String value;

  StepAction(String value) {
    this.value = value;
  }

  /** The lower-case name used in text and JSON output. */
  public String value() {
    return value;
  }
}
