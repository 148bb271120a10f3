package io.metaxy.domain.column;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.GeneratedIdColumnException;
import io.metaxy.domain.error.InvalidSpecException;
import io.metaxy.domain.error.Problem;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.SystemColumns;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules on a feature's user columns: ID columns must exist and hold client-provided values (never
 * identity, sequence, generated or server-default); user columns must not use reserved system
 * column names. Server defaults on non-ID columns are fine.
 */
public final class ColumnRules {
  private ColumnRules() {}

  /**
   * Checks the columns of {@code feature}. One generated ID column raises {@link
   * GeneratedIdColumnException}; several problems raise one {@link InvalidSpecException}.
   */
  public static void check(
      FeatureKey feature, List<String> idColumns, List<ColumnDescriptor> columns) {
    List<Problem> problems = new ArrayList<>();
    GeneratedIdColumnException first = null;
    for (String id : idColumns) {
      ColumnDescriptor c =
          columns.stream().filter(x -> x.name().equalsIgnoreCase(id)).findFirst().orElse(null);
      if (c == null) {
        problems.add(
            new Problem(
                ErrorCode.INVALID_SPEC,
                feature.toString(),
                id,
                "Feature "
                    + feature
                    + " declares ID column \""
                    + id
                    + "\" but has no such column: add it or fix id_columns."));
      } else if (c.generation() != ColumnDescriptor.ValueGeneration.NONE) {
        String msg =
            "Feature "
                + feature
                + ": ID column \""
                + id
                + "\" gets its value from the database ("
                + c.generation().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + (c.detail() == null ? "" : ", " + c.detail())
                + "). ID columns join features, so their values must exist before insert:"
                + " remove the generation and provide the value in the client.";
        problems.add(new Problem(ErrorCode.GENERATED_ID_COLUMN, feature.toString(), id, msg));
        if (first == null) {
          first = new GeneratedIdColumnException(feature.toString(), id, msg);
        }
      }
    }
    for (ColumnDescriptor c : columns) {
      if (SystemColumns.isReserved(c.name())) {
        problems.add(
            new Problem(
                ErrorCode.RESERVED_COLUMN,
                feature.toString(),
                c.name(),
                "Feature "
                    + feature
                    + " declares column \""
                    + c.name()
                    + "\", a reserved system column name: rename it (the store injects"
                    + " metaxy_* columns itself)."));
      }
    }
    if (problems.size() == 1 && first != null) {
      throw first;
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
  }
}
