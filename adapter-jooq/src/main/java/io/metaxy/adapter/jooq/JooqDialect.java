package io.metaxy.adapter.jooq;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import java.util.Locale;
import org.jooq.SQLDialect;

/**
 * The databases the jOOQ store supports, with their store type names and the artifacts each needs
 * at run time. The adapter declares JDBC drivers and Flyway database modules optional: an
 * application adds those of the databases it uses, and a missing one is reported naming the
 * artifact to add.
 */
public enum JooqDialect {
  DUCKDB(
      "duckdb",
      SQLDialect.DUCKDB,
      "org.duckdb.DuckDBDriver",
      "org.duckdb:duckdb_jdbc",
      "org.flywaydb.community.database.duckdb.DuckDBDatabaseType",
      "org.flywaydb:flyway-database-duckdb"),
  POSTGRES(
      "postgres",
      SQLDialect.POSTGRES,
      "org.postgresql.Driver",
      "org.postgresql:postgresql",
      "org.flywaydb.database.postgresql.PostgreSQLDatabaseType",
      "org.flywaydb:flyway-database-postgresql"),
  H2("h2", SQLDialect.H2, "org.h2.Driver", "com.h2database:h2", null, null),
  MARIADB(
      "mariadb",
      SQLDialect.MARIADB,
      "org.mariadb.jdbc.Driver",
      "org.mariadb.jdbc:mariadb-java-client",
      "org.flywaydb.database.mysql.mariadb.MariaDBDatabaseType",
      "org.flywaydb:flyway-mysql");

  private final String type;
  private final SQLDialect sqlDialect;
  private final String driverClass;
  private final String driverArtifact;
  private final String flywayClass;
  private final String flywayArtifact;

  JooqDialect(
      String type,
      SQLDialect sqlDialect,
      String driverClass,
      String driverArtifact,
      String flywayClass,
      String flywayArtifact) {
    this.type = type;
    this.sqlDialect = sqlDialect;
    this.driverClass = driverClass;
    this.driverArtifact = driverArtifact;
    this.flywayClass = flywayClass;
    this.flywayArtifact = flywayArtifact;
  }

  /** The store type name used in configuration ({@code stores.<name>.type}). */
  public String type() {
    return type;
  }

  /** The jOOQ dialect. */
  public SQLDialect sqlDialect() {
    return sqlDialect;
  }

  /** Maven coordinates ({@code groupId:artifactId}) of the JDBC driver this database needs. */
  public String driverArtifact() {
    return driverArtifact;
  }

  /**
   * Maven coordinates of the Flyway database module {@link JooqSchemaMigrator} needs for this
   * database, or {@code null} when flyway-core supports it alone (H2).
   */
  public String flywayArtifact() {
    return flywayArtifact;
  }

  /**
   * Fails, naming the artifact to add, when this database's JDBC driver is not on the class path.
   *
   * @throws MetaxyException {@code STORE_FAILURE} naming the driver artifact
   */
  public void requireDriver() {
    if (!present(driverClass)) {
      throw missing("JDBC driver " + driverClass, driverArtifact, "to open a " + type + " store");
    }
  }

  /**
   * Fails, naming the artifact to add, when Flyway cannot migrate this database because its Flyway
   * database module is not on the class path.
   *
   * @throws MetaxyException {@code MIGRATION_FAILED} naming the Flyway module
   */
  public void requireFlywaySupport() {
    if (flywayClass != null && !present(flywayClass)) {
      throw missing(
          "Flyway database support " + flywayClass,
          flywayArtifact,
          "to migrate a " + type + " store with JooqSchemaMigrator");
    }
  }

  private MetaxyException missing(String what, String artifact, String purpose) {
    return new MetaxyException(
        what.startsWith("Flyway") ? ErrorCode.MIGRATION_FAILED : ErrorCode.STORE_FAILURE,
        "The "
            + what
            + " is not on the class path: add the dependency "
            + artifact
            + " "
            + purpose
            + "; metaxy-adapter-jooq leaves database artifacts to the application.");
  }

  private static boolean present(String className) {
    ClassLoader[] loaders = {
      Thread.currentThread().getContextClassLoader(), JooqDialect.class.getClassLoader()
    };
    for (ClassLoader l : loaders) {
      if (l == null) {
        continue;
      }
      try {
        Class.forName(className, false, l);
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        // try the next loader
      }
    }
    return false;
  }

  /** The dialect a JDBC URL points to. */
  public static JooqDialect fromUrl(String url) {
    String u = url == null ? "" : url.toLowerCase(Locale.ROOT);
    if (u.startsWith("jdbc:duckdb:")) {
      return DUCKDB;
    }
    if (u.startsWith("jdbc:postgresql:")) {
      return POSTGRES;
    }
    if (u.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
      return MARIADB;
    }
    throw new IllegalArgumentException("Unsupported JDBC URL " + url);
  }
}
