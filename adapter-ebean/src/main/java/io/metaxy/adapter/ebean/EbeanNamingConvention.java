package io.metaxy.adapter.ebean;

import io.ebean.config.TableName;
import io.ebean.config.UnderscoreNamingConvention;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.ports.naming.SystemTableNames;
import io.metaxy.ports.naming.TableNamingConvention;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Ebean naming convention for feature entities: a class with {@link Feature} (or a programmatic
 * key) maps to its key's table name ({@code video}, {@code video__processing}) through the store's
 * {@link TableNamingConvention} (which applies {@code table_prefix}); an explicit {@code @Table}
 * always wins; with inference off, Ebean's default (the class name in snake case) applies. The
 * system table entities ({@link MetaxyFeatureVersion}, {@link MetaxyMigrationEvent}) map to the
 * configured system table names. Columns follow Ebean's underscore convention.
 */
public class EbeanNamingConvention extends UnderscoreNamingConvention {
  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

  private final TableNamingConvention tables;
  private final boolean inferTableNames;
  private final SystemTableNames systemTables;
  private final Map<Class<?>, FeatureKey> programmaticKeys;

  /** Key-derived names, no prefix, default system table names. */
  public EbeanNamingConvention() {
    this(TableNamingConvention.defaults(), true, SystemTableNames.defaults(), Map.of());
  }

  /**
   * @param tables feature key → table name (e.g. {@link TableNamingConvention#prefixed})
   * @param inferTableNames {@code false} turns key-derived names off
   * @param systemTables names of the system tables
   * @param programmaticKeys keys of entity classes registered with programmatic specs
   */
  public EbeanNamingConvention(
      TableNamingConvention tables,
      boolean inferTableNames,
      SystemTableNames systemTables,
      Map<Class<?>, FeatureKey> programmaticKeys) {
    this.tables = tables;
    this.inferTableNames = inferTableNames;
    this.systemTables = systemTables;
    this.programmaticKeys = Map.copyOf(programmaticKeys);
  }

  @Override
  public TableName getTableNameByConvention(Class<?> beanClass) {
    if (beanClass == MetaxyFeatureVersion.class) {
      return new TableName(getCatalog(), getSchema(), quote(systemTables.featureVersions()));
    }
    if (beanClass == MetaxyMigrationEvent.class) {
      return new TableName(getCatalog(), getSchema(), quote(systemTables.migrationEvents()));
    }
    if (inferTableNames) {
      FeatureKey key = programmaticKeys.get(beanClass);
      Feature f = beanClass.getAnnotation(Feature.class);
      if (key == null && f != null) {
        key = FeatureKey.of(f.key());
      }
      if (key != null) {
        return new TableName(getCatalog(), getSchema(), quote(tables.tableName(key)));
      }
    }
    return super.getTableNameByConvention(beanClass);
  }

  /** The table name a feature key maps to (before quoting). */
  public String tableName(FeatureKey key) {
    return tables.tableName(key);
  }

  /** Whether key-derived table names are on. */
  public boolean inferTableNames() {
    return inferTableNames;
  }

  /** The name, quoted in the platform's quotes when it is not a plain identifier. */
  private String quote(String name) {
    if (PLAIN.matcher(name).matches()) {
      return name;
    }
    String quoted = "`" + name + "`";
    return databasePlatform == null ? quoted : quoteIdentifiers(quoted);
  }
}
