package io.metaxy.adapter.ebean;

import io.ebean.config.TableName;
import io.ebean.config.UnderscoreNamingConvention;
import io.metaxy.adapter.ebean.internal.PhysicalLayout;
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
 * configured system table names (in the python layout the default names become Python's {@code
 * metaxy_system__*}). Columns follow Ebean's underscore convention, except the project version of
 * {@link EbeanFeature} in the seed layout ({@code metaxy_snapshot_version}).
 */
public class EbeanNamingConvention extends UnderscoreNamingConvention {
  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

  private final TableNamingConvention tables;
  private final boolean inferTableNames;
  private final SystemTableNames systemTables;
  private final SystemTableNames configuredSystemTables;
  private final Map<Class<?>, FeatureKey> programmaticKeys;
  private final EbeanLayout layout;

  /** Key-derived names, no prefix, default system table names, the python layout. */
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
    this(tables, inferTableNames, systemTables, programmaticKeys, EbeanLayout.PYTHON);
  }

  /**
   * @param tables feature key → table name (e.g. {@link TableNamingConvention#prefixed})
   * @param inferTableNames {@code false} turns key-derived names off
   * @param systemTables names of the system tables as configured (the layout's defaults apply to
   *     the default names)
   * @param programmaticKeys keys of entity classes registered with programmatic specs
   * @param layout the physical layout: names the system tables and the project version's column
   */
  public EbeanNamingConvention(
      TableNamingConvention tables,
      boolean inferTableNames,
      SystemTableNames systemTables,
      Map<Class<?>, FeatureKey> programmaticKeys,
      EbeanLayout layout) {
    this.tables = tables;
    this.inferTableNames = inferTableNames;
    this.layout = layout;
    this.systemTables = PhysicalLayout.systemTables(layout, systemTables);
    this.configuredSystemTables = systemTables;
    this.programmaticKeys = Map.copyOf(programmaticKeys);
  }

  /**
   * Ebean's underscore names, except {@link EbeanFeature}'s project version, whose column is {@code
   * metaxy_snapshot_version} in the seed layout.
   */
  @Override
  public String getColumnFromProperty(Class<?> beanClass, String beanPropertyName) {
    if (layout == EbeanLayout.SEED
        && "metaxyProjectVersion".equals(beanPropertyName)
        && beanClass != null
        && EbeanFeature.class.isAssignableFrom(beanClass)) {
      return PhysicalLayout.SEED_PROJECT_VERSION;
    }
    return super.getColumnFromProperty(beanClass, beanPropertyName);
  }

  @Override
  public TableName getTableNameByConvention(Class<?> beanClass) {
    if (beanClass == MetaxyFeatureVersion.class) {
      // the seed layout's table (in the python layout the entity is not registered: Python's
      // feature versions table has other columns)
      return new TableName(
          getCatalog(), getSchema(), quote(configuredSystemTables.featureVersions()));
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
