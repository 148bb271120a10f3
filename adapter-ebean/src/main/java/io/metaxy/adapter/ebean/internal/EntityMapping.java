package io.metaxy.adapter.ebean.internal;

import io.ebean.Database;
import io.ebean.plugin.BeanType;
import io.ebean.plugin.ExpressionPath;
import io.metaxy.adapter.ebean.EbeanFeature;
import io.metaxy.adapter.ebean.EntityFeature;
import jakarta.persistence.Transient;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a feature entity class maps to its table, through Ebean's public plugin API ({@link
 * BeanType}): the base table, and per persistent property its column, Java type and accessors.
 * Column names come from {@code @Column(name)} or Ebean's underscore convention (the store's naming
 * convention never renames columns).
 */
public final class EntityMapping {
  /** One persistent property: its column, name and type. */
  public record Column(String column, String property, Class<?> type) {}

  private final BeanType<?> type;
  private final Map<String, Column> byColumn;

  private EntityMapping(BeanType<?> type, Map<String, Column> byColumn) {
    this.type = type;
    this.byColumn = byColumn;
  }

  /** The mapping of {@code feature}'s entity class in {@code db}. */
  public static EntityMapping of(Database db, EntityFeature feature) {
    BeanType<?> type = db.pluginApi().beanType(feature.entityClass());
    if (type == null) {
      throw new IllegalStateException(
          "Entity "
              + feature.entityClass().getName()
              + " is not registered with the Ebean database: add it to its DatabaseConfig (see"
              + " EbeanRegistration).");
    }
    Map<String, Column> cols = new LinkedHashMap<>();
    List<Class<?>> chain = new ArrayList<>();
    for (Class<?> c = feature.entityClass();
        c != null && c != Object.class;
        c = c.getSuperclass()) {
      chain.add(0, c);
    }
    for (Class<?> c : chain) {
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m)
            || Modifier.isTransient(m)
            || f.isSynthetic()
            || f.isAnnotationPresent(Transient.class)
            || f.getName().startsWith("_ebean")
            || type.property(f.getName()) == null) {
          continue;
        }
        String column = EntityColumns.columnName(f);
        cols.put(column.toLowerCase(Locale.ROOT), new Column(column, f.getName(), f.getType()));
      }
    }
    return new EntityMapping(type, Collections.unmodifiableMap(cols));
  }

  /** The table of the entity, as Ebean names it. */
  public String baseTable() {
    return type.baseTable();
  }

  /** Every persistent column, superclass columns first. */
  public List<Column> columns() {
    return new ArrayList<>(byColumn.values());
  }

  /** The property of a column (case-insensitive), or {@code null}. */
  public Column column(String name) {
    return byColumn.get(name.toLowerCase(Locale.ROOT));
  }

  /** The properties of {@code columns}, in their order. */
  public List<String> properties(List<String> columns) {
    List<String> out = new ArrayList<>();
    for (String c : columns) {
      Column p = column(c);
      if (p == null) {
        throw new IllegalStateException(
            "Entity " + type.type().getName() + " maps no property to column " + c);
      }
      out.add(p.property());
    }
    return out;
  }

  /** A new, empty entity bean. */
  public EbeanFeature newBean() {
    return (EbeanFeature) type.createBean();
  }

  /** The value of {@code c} in {@code bean}. */
  public Object get(Object bean, Column c) {
    return type.property(c.property()).value(bean);
  }

  /** Sets {@code c} of {@code bean} (marking it loaded, so Ebean inserts it). */
  public void set(Object bean, Column c, Object value) {
    ExpressionPath path = type.expressionPath(c.property());
    path.pathSet(bean, value);
  }
}
