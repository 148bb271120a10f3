package io.metaxy.adapter.ebean;

import io.ebean.DatabaseBuilder;
import io.metaxy.ports.discovery.DiscoveredFeature;
import io.metaxy.ports.naming.SystemTableNames;
import io.metaxy.ports.naming.TableNamingConvention;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers feature entities with an Ebean {@link DatabaseBuilder} so Ebean's DDL and migration
 * generation see the complete schema (what {@code Metaxy.init()} does for Ebean users): every
 * discovered feature whose declaring class is an {@link EbeanFeature} entity, optionally the system
 * table entities ({@link #systemEntities()}, the document's {@code get_metaxy_metadata()}), and the
 * {@link EbeanNamingConvention}.
 */
public final class EbeanRegistration {
  private EbeanRegistration() {}

  /** The system table entity classes of the seed layout. */
  public static List<Class<?>> systemEntities() {
    return systemEntities(EbeanLayout.SEED);
  }

  /**
   * The system table entity classes of {@code layout}: the python layout's feature versions table
   * is Python Metaxy's (written with JDBC), so only {@link MetaxyMigrationEvent} maps a table
   * there.
   */
  public static List<Class<?>> systemEntities(EbeanLayout layout) {
    return layout == EbeanLayout.PYTHON
        ? List.of(MetaxyMigrationEvent.class)
        : List.of(MetaxyFeatureVersion.class, MetaxyMigrationEvent.class);
  }

  /**
   * Adds the entity features among {@code discovered} (validated) and, when {@code
   * includeSystemTables}, the system entities to {@code config}, and installs the naming
   * convention. Returns the entity features registered.
   */
  public static List<EntityFeature> register(
      DatabaseBuilder config,
      Collection<DiscoveredFeature> discovered,
      boolean includeSystemTables,
      TableNamingConvention naming,
      boolean inferTableNames,
      SystemTableNames systemTables) {
    return register(
        config,
        discovered,
        includeSystemTables,
        naming,
        inferTableNames,
        systemTables,
        EbeanLayout.PYTHON);
  }

  /** {@link #register} for a store of the given {@link EbeanLayout}. */
  public static List<EntityFeature> register(
      DatabaseBuilder config,
      Collection<DiscoveredFeature> discovered,
      boolean includeSystemTables,
      TableNamingConvention naming,
      boolean inferTableNames,
      SystemTableNames systemTables,
      EbeanLayout layout) {
    List<EntityFeature> out = new ArrayList<>();
    Map<Class<?>, io.metaxy.domain.key.FeatureKey> keys = new HashMap<>();
    for (DiscoveredFeature d : discovered) {
      Class<?> c = d.declaringClass();
      if (c != null && EbeanFeature.class.isAssignableFrom(c)) {
        EntityFeature f = EbeanFeatures.of(c, d.spec());
        out.add(f);
        keys.put(c, f.spec().key());
        config.addClass(c);
      }
    }
    if (includeSystemTables) {
      systemEntities(layout).forEach(config::addClass);
    }
    config.setNamingConvention(
        new EbeanNamingConvention(naming, inferTableNames, systemTables, keys, layout));
    return out;
  }

  /** {@link #register} with default naming (no prefix, inferred names, default system tables). */
  public static List<EntityFeature> register(
      DatabaseBuilder config,
      Collection<DiscoveredFeature> discovered,
      boolean includeSystemTables) {
    return register(
        config,
        discovered,
        includeSystemTables,
        TableNamingConvention.defaults(),
        true,
        SystemTableNames.defaults());
  }
}
