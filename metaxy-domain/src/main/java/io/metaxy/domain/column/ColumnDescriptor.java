package io.metaxy.domain.column;

import java.util.Objects;

/**
 * What an adapter knows about one user column of a feature table: name, a type description (SQL or
 * Java), nullability and whether and how the database generates its value.
 */
public record ColumnDescriptor(
    String name, String type, boolean nullable, ValueGeneration generation, String detail) {

  public ColumnDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(generation, "generation");
  }

  /** A plain client-provided column. */
  public static ColumnDescriptor of(String name, String type, boolean nullable) {
    return new ColumnDescriptor(name, type, nullable, ValueGeneration.NONE, null);
  }

  /** A column whose value the database provides. {@code detail} names the mechanism. */
  public static ColumnDescriptor generated(
      String name, String type, ValueGeneration generation, String detail) {
    return new ColumnDescriptor(name, type, true, generation, detail);
  }

  /** How a column's value may be produced by the database instead of the client. */
  public enum ValueGeneration {
    NONE,
    IDENTITY,
    SEQUENCE,
    GENERATED,
    SERVER_DEFAULT,
    AUTO_TIMESTAMP
  }
}
