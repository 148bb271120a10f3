package io.metaxy.adapter.ebean.internal;

import io.ebean.config.dbplatform.DatabasePlatform;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import java.lang.reflect.InvocationTargetException;

/**
 * The per-database artifacts the Ebean store needs at run time. The adapter declares them optional
 * (an application adds those of its database), so each is looked up by class name and a missing one
 * is reported naming the Maven coordinates to add.
 */
public enum RequiredArtifacts {
  H2(
      "org.h2.Driver",
      "com.h2database:h2",
      "io.ebean.platform.h2.H2Platform",
      "io.ebean:ebean-platform-h2",
      null,
      null),
  POSTGRES(
      "org.postgresql.Driver",
      "org.postgresql:postgresql",
      "io.ebean.platform.postgres.PostgresPlatform",
      "io.ebean:ebean-platform-postgres",
      "org.flywaydb.database.postgresql.PostgreSQLDatabaseType",
      "org.flywaydb:flyway-database-postgresql"),
  MARIADB(
      "org.mariadb.jdbc.Driver",
      "org.mariadb.jdbc:mariadb-java-client",
      "io.ebean.platform.mariadb.MariaDbPlatform",
      "io.ebean:ebean-platform-mariadb",
      "org.flywaydb.database.mysql.mariadb.MariaDBDatabaseType",
      "org.flywaydb:flyway-mysql");

  private final String driverClass;
  private final String driverArtifact;
  private final String platformClass;
  private final String platformArtifact;
  private final String flywayClass;
  private final String flywayArtifact;

  RequiredArtifacts(
      String driverClass,
      String driverArtifact,
      String platformClass,
      String platformArtifact,
      String flywayClass,
      String flywayArtifact) {
    this.driverClass = driverClass;
    this.driverArtifact = driverArtifact;
    this.platformClass = platformClass;
    this.platformArtifact = platformArtifact;
    this.flywayClass = flywayClass;
    this.flywayArtifact = flywayArtifact;
  }

  /** The artifacts of a dialect. */
  public static RequiredArtifacts of(Dialect dialect) {
    return switch (dialect) {
      case H2 -> H2;
      case POSTGRES -> POSTGRES;
      case MARIADB -> MARIADB;
    };
  }

  /**
   * Fails naming the artifact when the JDBC driver, the Ebean platform or the Flyway database
   * module is missing (the store creates its system tables with Flyway when it opens).
   */
  public void requireStoreArtifacts() {
    require(driverClass, driverArtifact, "JDBC driver", "to open an ebean store on " + name());
    require(
        platformClass, platformArtifact, "Ebean platform", "to open an ebean store on " + name());
    if (flywayClass != null) {
      require(
          flywayClass,
          flywayArtifact,
          "Flyway database support",
          "to create the system tables of an ebean store on " + name());
    }
  }

  /** Fails naming the artifact when Flyway cannot migrate this database. */
  public void requireFlywaySupport() {
    if (flywayClass != null) {
      require(
          flywayClass,
          flywayArtifact,
          "Flyway database support",
          "to migrate an ebean store on " + name() + " with EbeanSchemaMigrator");
    }
  }

  /** A new instance of this database's Ebean platform (needed to generate migrations). */
  public DatabasePlatform newPlatform() {
    require(platformClass, platformArtifact, "Ebean platform", "to generate migrations");
    try {
      return (DatabasePlatform)
          Class.forName(platformClass, true, loader(platformClass))
              .getDeclaredConstructor()
              .newInstance();
    } catch (ClassNotFoundException
        | NoSuchMethodException
        | InstantiationException
        | IllegalAccessException
        | InvocationTargetException e) {
      throw new IllegalStateException("Cannot create the Ebean platform " + platformClass, e);
    }
  }

  private static void require(String className, String artifact, String what, String purpose) {
    if (loader(className) == null) {
      throw new MetaxyException(
          what.startsWith("Flyway") ? ErrorCode.MIGRATION_FAILED : ErrorCode.STORE_FAILURE,
          "The "
              + what
              + " "
              + className
              + " is not on the class path: add the dependency "
              + artifact
              + " "
              + purpose
              + "; metaxy-adapter-ebean leaves database artifacts to the application.");
    }
  }

  /** The first class loader that has the class, or {@code null}. */
  private static ClassLoader loader(String className) {
    ClassLoader[] loaders = {
      Thread.currentThread().getContextClassLoader(), RequiredArtifacts.class.getClassLoader()
    };
    for (ClassLoader l : loaders) {
      if (l == null) {
        continue;
      }
      try {
        Class.forName(className, false, l);
        return l;
      } catch (ClassNotFoundException | LinkageError e) {
        // try the next loader
      }
    }
    return null;
  }
}
