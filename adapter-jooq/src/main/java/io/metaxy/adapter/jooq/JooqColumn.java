package io.metaxy.adapter.jooq;

import java.util.Objects;
import org.jooq.DataType;

/**
 * A user column of a feature table declared for jOOQ: name, SQL type and nullability.
 *
 * @param name the column name (not starting with {@code metaxy_})
 * @param type the jOOQ data type, e.g. {@code SQLDataType.BIGINT}
 * @param nullable whether the column accepts NULL
 */
public record JooqColumn(String name, DataType<?> type, boolean nullable) {
  public JooqColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  public static JooqColumn of(String name, DataType<?> type) {
    return new JooqColumn(name, type, true);
  }

  public static JooqColumn notNull(String name, DataType<?> type) {
    return new JooqColumn(name, type, false);
  }
}
