package io.metaxy.benchmarks;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.MetadataStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fast seeding of the {@code spark} target at large N, the Spark counterpart of {@link
 * SqlAmplifier}: the store first writes samples {@code 0..n0-1} through its own {@code write}
 * (creating its Delta tables with every column a write produces), then this copies a store-written
 * template row to samples {@code n0..n-1} with one Spark SQL {@code INSERT … SELECT} per table (one
 * Delta commit), computing exactly the values the store writes for them: the ID, the per-field
 * provenance and data-version structs (the benchmark data; md5 truncated to 8 for the leaf), {@code
 * metaxy_provenance}/{@code metaxy_data_version} (md5 of the joined per-field values, truncated to
 * 8), a fresh write sequence, and every other column (versions, timestamps, materialization id)
 * copied from the template. Every resolve is still checked against the Java reference (or the
 * floor), so a wrong copy fails the run.
 *
 * <p>Spark is reached by reflection (the store's {@code spark()} session, {@code sql(String)}), so
 * that the benchmarks compile without the {@code spark} profile.
 */
final class SparkAmplifier {
  private static final String SEQ = "metaxy_write_seq";

  private final Scenario scenario;

  SparkAmplifier(Scenario scenario) {
    this.scenario = scenario;
  }

  /** Copies root rows of sample 0 (template) to samples n0..n-1. */
  void roots(MetadataStore store, long n0, long n) {
    for (int r = 0; r < scenario.roots().size(); r++) {
      int root = r;
      copy(store, scenario.roots().get(r).key(), 0, n0, n, "", 10 * n0, f -> rootValue(root, f));
    }
  }

  /**
   * Copies the leaf's row 0 to n0..n-1, then the changed root row of sample 3 to the changed IDs.
   */
  void leafAndChange(MetadataStore store, long n0, long n) {
    copy(store, scenario.leafKey(), 0, n0, n, "", 10 * n0, this::leafValue);
    copy(
        store,
        scenario.roots().get(0).key(),
        3,
        n0,
        n,
        "i % 10 = 3",
        10 * n + 10 * n0,
        f -> changedValue(f));
  }

  private static String rootValue(int root, String field, boolean changed) {
    return "concat('"
        + Scenario.prefix(root, field, changed && Scenario.isChangedField(root, field))
        + "', CAST(i AS STRING))";
  }

  private static String rootValue(int root, String field) {
    return rootValue(root, field, false);
  }

  private static String changedValue(String field) {
    return rootValue(0, field, true);
  }

  private String leafValue(String structKey) {
    for (Scenario.LeafField f : scenario.leafFields()) {
      if (f.structKey().equals(structKey)) {
        List<String> parts = new ArrayList<>();
        parts.add("'" + f.prefix() + "'");
        for (var p : f.parents()) {
          int r = scenario.rootIndex(p.feature());
          parts.add("'|" + p + "|'");
          parts.add(rootValue(r, p.field().structKey()));
        }
        return "substr(md5(concat(" + String.join(", ", parts) + ")), 1, 8)";
      }
    }
    throw new IllegalArgumentException("no leaf field " + structKey);
  }

  interface FieldValue {
    String sql(String structKey);
  }

  private void copy(
      MetadataStore store,
      FeatureKey key,
      long templateId,
      long n0,
      long n,
      String where,
      long seqBase,
      FieldValue value) {
    Path dir = SparkWarehouses.current().resolve(key.tableName() + ".delta");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "Spark seeding: the store wrote no Delta table " + dir + " for " + key);
    }
    String t = "delta.`" + dir.toUri() + "`";
    Object spark = call(store, "spark");
    Object schema = call(call(spark, "sql", "SELECT * FROM " + t + " LIMIT 0"), "schema");
    // sorted by struct key: the order of the row hash's input
    Map<String, String> pbf = new TreeMap<>();
    for (String f : structKeys(schema, SystemColumns.PROVENANCE_BY_FIELD)) {
      pbf.put(f, value.sql(f));
    }
    String combined = "substr(md5(concat_ws('|', " + String.join(", ", pbf.values()) + ")), 1, 8)";
    List<String> exprs = new ArrayList<>();
    for (String col : (String[]) call(schema, "fieldNames")) {
      String e;
      if (col.equals(Scenario.ID)) {
        e = "i";
      } else if (col.equals(SystemColumns.PROVENANCE_BY_FIELD)
          || col.equals(SystemColumns.DATA_VERSION_BY_FIELD)) {
        // struct fields in the table's order (INSERT … SELECT matches them by position)
        List<String> fields = new ArrayList<>();
        for (String f : structKeys(schema, col)) {
          fields.add("'" + f + "'");
          fields.add(pbf.get(f));
        }
        e = "named_struct(" + String.join(", ", fields) + ")";
      } else if (col.equals(SystemColumns.PROVENANCE) || col.equals(SystemColumns.DATA_VERSION)) {
        e = combined;
      } else if (col.equals(SEQ)) {
        e = "CAST(" + seqBase + " + i AS BIGINT)";
      } else {
        e = "tpl.`" + col + "`";
      }
      exprs.add(e + " AS `" + col + "`");
    }
    String sql =
        "INSERT INTO "
            + t
            + " SELECT "
            + String.join(", ", exprs)
            + " FROM (SELECT id AS i FROM range("
            + n0
            + ", "
            + n
            + ")) r CROSS JOIN (SELECT * FROM "
            + t
            + " WHERE `"
            + Scenario.ID
            + "` = "
            + templateId
            + " ORDER BY `"
            + SystemColumns.UPDATED_AT
            + "` DESC LIMIT 1) tpl"
            + (where.isEmpty() ? "" : " WHERE " + where);
    call(spark, "sql", sql);
  }

  private static List<String> structKeys(Object schema, String column) {
    Object type = call(call(schema, "apply", column), "dataType");
    return List.of((String[]) call(type, "fieldNames"));
  }

  private static Object call(Object target, String method, Object... args) {
    try {
      for (Method m : target.getClass().getMethods()) {
        if (m.getName().equals(method)
            && m.getParameterCount() == args.length
            && (args.length == 0 || m.getParameterTypes()[0] == String.class)) {
          return m.invoke(target, args);
        }
      }
      throw new IllegalStateException(target.getClass().getName() + " has no " + method);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "Spark seeding failed: " + e.getCause().getMessage(), e.getCause());
    }
  }
}
