package io.metaxy.domain.provenance;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.filter.FilterColumns;
import io.metaxy.domain.filter.FilterEvaluator;
import io.metaxy.domain.filter.FilterExpression;
import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.increment.KeyIndex;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.Lineage;
import io.metaxy.domain.spec.SystemColumns;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One dependency's rows after rename, filters and select, hashed by the dependency's join key (and,
 * for aggregation, collapsed to one slot per group). Package-private building block of {@link
 * ProvenanceEngine}.
 */
final class DepRelation {
  /** The names of {@link #columnsOf}, in order. */
  List<String> columnNamesOf(Row row) {
    List<String> names = new ArrayList<>(keyColumns);
    for (String c : row.columns()) {
      if (SystemColumns.isReserved(c) || names.contains(c)) {
        continue;
      }
      if (selected == null || selected.contains(c)) {
        names.add(c);
      }
    }
    return names;
  }

  /**
   * An upstream row (a slot of this relation) as the join sees it: the key columns, then the
   * selected user columns, in row order.
   */
  Map<String, Object> columnsOf(Row row) {
    Map<String, Object> cols = new LinkedHashMap<>();
    for (String k : keyColumns) {
      cols.put(k, row.get(k));
    }
    for (String c : row.columns()) {
      if (SystemColumns.isReserved(c) || cols.containsKey(c)) {
        continue;
      }
      if (selected == null || selected.contains(c)) {
        cols.put(c, row.get(c));
      }
    }
    return cols;
  }

  /**
   * The data version of field {@code structKey} of an upstream row: its {@code
   * metaxy_data_version_by_field} entry, falling back to {@code metaxy_provenance_by_field}; null
   * when neither has it. Read per lookup, so indexing an upstream keeps no per-row map.
   */
  static String dataVersion(Row row, String structKey) {
    String v = row.getMap(SystemColumns.DATA_VERSION_BY_FIELD).get(structKey);
    return v != null ? v : row.getMap(SystemColumns.PROVENANCE_BY_FIELD).get(structKey);
  }

  /**
   * One upstream row of an aggregation group: its upstream ID, data versions and (with an explicit
   * {@code select}) the values of the selected user columns.
   */
  private record Member(IdKey id, Map<String, String> dataVersions, Map<String, Object> selected) {}

  final FeatureDep dep;
  final List<String> keyColumns;
  final Set<String> userColumns = new LinkedHashSet<>();

  /** The join keys, numbered in first-seen order; {@link #slot} gives their slots. */
  final KeyIndex index = new KeyIndex(1024);

  private Object[] slotsByEntry = new Object[1024]; // a Row, or an ArrayList<Row> of several
  private final Set<String> selected; // null: every user column
  private boolean multi; // some join key has several slots

  private DepRelation(FeatureDep dep, List<String> keyColumns) {
    this.dep = dep;
    this.keyColumns = keyColumns;
    this.selected = dep.select() == null ? null : new HashSet<>(dep.select());
  }

  private void add(int entry, Row slot) {
    if (entry >= 0) {
      if (entry == slotsByEntry.length) {
        slotsByEntry = java.util.Arrays.copyOf(slotsByEntry, entry * 2);
      }
      slotsByEntry[entry] = slot;
      return;
    }
    int e = -entry - 1;
    multi = true;
    Object prev = slotsByEntry[e];
    if (prev instanceof Row one) {
      List<Row> more = new ArrayList<>(2);
      more.add(one);
      more.add(slot);
      slotsByEntry[e] = more;
    } else {
      @SuppressWarnings("unchecked")
      List<Row> more = (List<Row>) prev;
      more.add(slot);
    }
  }

  /** True when no upstream row passed. */
  boolean isEmpty() {
    return index.isEmpty();
  }

  /** The number of slots of join-key entry {@code entry}. */
  int slotCount(int entry) {
    Object o = slotsByEntry[entry];
    return o instanceof Row ? 1 : ((List<?>) o).size();
  }

  /** Slot {@code i} of join-key entry {@code entry}. */
  @SuppressWarnings("unchecked")
  Row slot(int entry, int i) {
    Object o = slotsByEntry[entry];
    return o instanceof Row r ? r : ((List<Row>) o).get(i);
  }

  /** Every slot, by entry, in order. */
  Stream<Row> allSlots() {
    return java.util.stream.IntStream.range(0, index.size())
        .boxed()
        .flatMap(e -> java.util.stream.IntStream.range(0, slotCount(e)).mapToObj(i -> slot(e, i)));
  }

  /** True when every join key has exactly one slot. */
  boolean uniqueKeys() {
    return !multi;
  }

  FeatureKey feature() {
    return dep.feature();
  }

  boolean optional() {
    return dep.optional();
  }

  /** The dependency's join-key columns: {@code on} for N:1 and 1:N, else the target's key. */
  static List<String> keyColumns(FeatureDep dep, List<String> targetKey) {
    Lineage l = dep.lineage();
    if (l instanceof Lineage.Aggregation a) {
      return a.on();
    }
    if (l instanceof Lineage.Expansion e) {
      return e.on();
    }
    return targetKey;
  }

  static DepRelation build(
      FeatureSpec target,
      FeatureSpec upstream,
      FeatureDep dep,
      List<String> targetKey,
      Stream<Row> rows,
      ProvenanceEngine engine) {
    DepRelation rel = new DepRelation(dep, keyColumns(dep, targetKey));
    boolean aggregate = dep.lineage() instanceof Lineage.Aggregation;
    List<String> upstreamIds = upstream.idColumns().stream().map(c -> renamed(dep, c)).toList();
    Map<IdKey, List<Member>> groups = aggregate ? new LinkedHashMap<>() : null;
    Set<String> selected = rel.selected;
    List<FilterExpression> filters = dep.parsedFilters();
    Set<Set<String>> shapesSeen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    Set<Set<String>> filterShapes =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    Set<String> columnsSeen = new java.util.TreeSet<>();
    try (rows) {
      rows.forEach(
          raw -> {
            Row r = rename(raw, dep);
            if (!filters.isEmpty() && filterShapes.add(r.columns())) {
              columnsSeen.addAll(r.columns());
            }
            for (FilterExpression f : filters) {
              if (!FilterEvaluator.test(f, r::get)) {
                return;
              }
            }
            for (String k : rel.keyColumns) {
              if (!r.has(k)) {
                throw missingKeyColumn(target, dep, k);
              }
            }
            if (aggregate) {
              IdKey key = IdKey.of(r, rel.keyColumns);
              groups
                  .computeIfAbsent(key, x -> new ArrayList<>())
                  .add(
                      new Member(
                          upstreamIdOf(r, upstreamIds), dataVersions(r), selectedValues(r, rel)));
              return;
            }
            if (shapesSeen.add(r.columns())) { // rows of one layout share their column set
              for (String c : r.columns()) {
                if (!SystemColumns.isReserved(c)
                    && !rel.keyColumns.contains(c)
                    && (selected == null || selected.contains(c))) {
                  rel.userColumns.add(c);
                }
              }
            }
            rel.add(rel.index.addRow(r, rel.keyColumns), r);
          });
    }
    requireFilterColumns(upstream, dep, filters, columnsSeen);
    if (aggregate) {
      List<String> fieldKeys =
          upstream.fields().stream().map(FieldSpec::key).map(k -> k.structKey()).toList();
      groups.forEach(
          (key, members) -> {
            members.sort((a, b) -> a.id().compareTo(b.id()));
            Map<String, String> dv = new TreeMap<>();
            for (String f : fieldKeys) {
              StringBuilder sb = new StringBuilder();
              for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                  sb.append(ProvenanceEngine.SEPARATOR);
                }
                sb.append(members.get(i).dataVersions().getOrDefault(f, ""));
              }
              dv.put(f, engine.hash(sb.toString()));
            }
            Row.Builder cols = Row.builder();
            for (int i = 0; i < rel.keyColumns.size(); i++) {
              cols.set(rel.keyColumns.get(i), key.get(i));
            }
            // Explicitly selected columns survive the aggregation: the group's first member (in
            // upstream ID order) gives their values.
            Map<String, Object> first = members.get(0).selected();
            if (first != null) {
              first.forEach(cols::set);
              rel.userColumns.addAll(first.keySet());
            }
            // The group's data versions travel in the slot row, where dataVersion reads them.
            cols.set(SystemColumns.DATA_VERSION_BY_FIELD, dv);
            rel.add(rel.index.add(key), cols.build());
          });
    }
    return rel;
  }

  /**
   * A dependency filter naming a column no upstream row has (after rename) would read NULL on every
   * row: it is an error naming the column and the upstream's columns. Checked when the upstream has
   * rows (its columns are known then).
   */
  private static void requireFilterColumns(
      FeatureSpec upstream, FeatureDep dep, List<FilterExpression> filters, Set<String> seen) {
    if (seen.isEmpty()) {
      return;
    }
    for (int i = 0; i < filters.size(); i++) {
      FilterColumns.requireKnown(upstream.key(), dep.filters().get(i), filters.get(i), seen);
    }
  }

  /** Values of the explicitly selected user columns of {@code r}, or null without a select. */
  private static Map<String, Object> selectedValues(Row r, DepRelation rel) {
    if (rel.selected == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String c : r.columns()) {
      if (rel.selected.contains(c) && !SystemColumns.isReserved(c) && !rel.keyColumns.contains(c)) {
        out.put(c, r.get(c));
      }
    }
    return out;
  }

  private static IdKey upstreamIdOf(Row r, List<String> upstreamIds) {
    List<String> present = upstreamIds.stream().filter(r::has).toList();
    return IdKey.of(r, present.isEmpty() ? new ArrayList<>(r.columns()) : present);
  }

  private static String renamed(FeatureDep dep, String column) {
    return dep.rename().getOrDefault(column, column);
  }

  private static Row rename(Row row, FeatureDep dep) {
    if (dep.rename().isEmpty()) {
      return row;
    }
    Row.Builder b = Row.builder();
    for (Map.Entry<String, Object> e : row.asMap().entrySet()) {
      b.set(renamed(dep, e.getKey()), e.getValue());
    }
    return b.build();
  }

  /**
   * The data versions of an upstream row by field struct key: {@code metaxy_data_version_by_field},
   * falling back per field to {@code metaxy_provenance_by_field}.
   */
  static Map<String, String> dataVersions(Row r) {
    Map<String, String> dv = r.getMap(SystemColumns.DATA_VERSION_BY_FIELD);
    Map<String, String> prov = r.getMap(SystemColumns.PROVENANCE_BY_FIELD);
    if (prov.isEmpty()) {
      return dv;
    }
    if (dv.isEmpty()) {
      return prov;
    }
    Map<String, String> merged = new LinkedHashMap<>(prov);
    dv.forEach(
        (k, v) -> {
          if (v != null) {
            merged.put(k, v);
          }
        });
    return merged;
  }

  private static MetaxyException missingKeyColumn(FeatureSpec target, FeatureDep dep, String col) {
    return new MetaxyException(
        ErrorCode.INVALID_ROW,
        "Feature "
            + target.key()
            + " joins its dependency "
            + dep.feature()
            + " ("
            + dep.lineage().type()
            + ") on column \""
            + col
            + "\", but a row of "
            + dep.feature()
            + " has no such column (after rename): add the column upstream, rename an upstream"
            + " column to \""
            + col
            + "\" in the dependency, or fix the lineage's on columns.");
  }
}
