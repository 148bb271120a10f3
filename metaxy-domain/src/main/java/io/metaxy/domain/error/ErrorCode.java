package io.metaxy.domain.error;

/** Stable codes for every condition Metaxy reports; part of each {@link MetaxyException}. */
public enum ErrorCode {
  INVALID_KEY("MX001"),
  DUPLICATE_FIELD("MX002"),
  DUPLICATE_DEPENDENCY("MX003"),
  DUPLICATE_FEATURE("MX004"),
  MISSING_DEPENDENCY("MX005"),
  GRAPH_CYCLE("MX006"),
  UNKNOWN_FIELD_DEPENDENCY("MX007"),
  FIELD_DEPENDENCY_NOT_A_DEPENDENCY("MX008"),
  EMPTY_ID_COLUMNS("MX009"),
  GENERATED_ID_COLUMN("MX010"),
  RESERVED_COLUMN("MX011"),
  INVALID_FILTER("MX012"),
  INVALID_DEFINITIONS("MX013"),
  FEATURE_NOT_FOUND("MX014"),
  MISSING_SAMPLES("MX015"),
  INVALID_ROW("MX016"),
  UNSUPPORTED_HASH_ALGORITHM("MX017"),
  COLUMN_COLLISION("MX018"),
  INVALID_SPEC("MX019"),
  INVALID_CONFIG("MX020"),
  PROVIDER_NOT_FOUND("MX021"),
  MIGRATION_FAILED("MX022"),
  STORE_FAILURE("MX023"),
  STORE_NOT_OPEN("MX024");

  private final String code;

  ErrorCode(String code) {
    this.code = code;
  }

  /** The short stable code, e.g. {@code MX006}. */
  public String code() {
    return code;
  }
}
