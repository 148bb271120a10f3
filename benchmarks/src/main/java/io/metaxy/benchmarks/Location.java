package io.metaxy.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One database: a DuckDB or H2 file, or a PostgreSQL database. A copy of a seeded location is a
 * fresh database holding the same data (file copy, {@code CREATE DATABASE … TEMPLATE …}).
 */
public final class Location {
  private static final AtomicInteger SEQ = new AtomicInteger();

  private final DbKind kind;
  private final Path file;
  private final String serverDb;
  private final Environment env;

  private Location(DbKind kind, Path file, String serverDb, Environment env) {
    this.kind = kind;
    this.file = file;
    this.serverDb = serverDb;
    this.env = env;
  }

  /**
   * Where the benchmark creates databases. MariaDB is found through the system properties {@code
   * bench.mariadb.host} (default 127.0.0.1), {@code bench.mariadb.port} (3306) and {@code
   * bench.mariadb.user} (root, no password).
   */
  public record Environment(Path dir, String pgHost, int pgPort, String pgUser, String pgAdminDb) {
    String pgUrl(String db) {
      return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + db + "?user=" + pgUser;
    }

    /** JDBC URL of a MariaDB database ({@code ""}: the server without a default database). */
    String mariaUrl(String db) {
      return "jdbc:mariadb://"
          + System.getProperty("bench.mariadb.host", "127.0.0.1")
          + ":"
          + Integer.getInteger("bench.mariadb.port", 3306)
          + "/"
          + db
          + "?user="
          + System.getProperty("bench.mariadb.user", "root");
    }

    /** Why the database server of {@code kind} cannot be used, or {@code null} if it can. */
    public String unavailable(DbKind kind) {
      return switch (kind) {
        case POSTGRES -> pgUnavailable();
        case MARIADB -> mariaUnavailable();
        default -> null;
      };
    }

    /** Why MariaDB cannot be used, or {@code null} if it can. */
    public String mariaUnavailable() {
      try (Connection c = DriverManager.getConnection(mariaUrl(""))) {
        return null;
      } catch (SQLException e) {
        return "MariaDB unreachable (" + mariaUrl("") + "): " + e.getMessage();
      }
    }

    /** Why PostgreSQL cannot be used, or {@code null} if it can. */
    public String pgUnavailable() {
      try (Connection c = DriverManager.getConnection(pgUrl(pgAdminDb))) {
        return null;
      } catch (SQLException e) {
        return "PostgreSQL at " + pgHost + ":" + pgPort + " unreachable: " + e.getMessage();
      }
    }
  }

  /** An existing DuckDB or H2 file (used by the child JVM of the heap probe). */
  public static Location existingFile(DbKind kind, Path file, Environment env) {
    return new Location(kind, file, null, env);
  }

  /** A new empty database. */
  public static Location create(DbKind kind, String label, Environment env) {
    String name =
        "mxb_"
            + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_")
            + "_"
            + ProcessHandle.current().pid()
            + "_"
            + SEQ.incrementAndGet();
    return switch (kind) {
      case DUCKDB -> new Location(kind, env.dir().resolve(name + ".duckdb"), null, env);
      case H2 -> new Location(kind, env.dir().resolve(name), null, env);
      case POSTGRES -> {
        pgAdmin(env, "CREATE DATABASE " + name);
        yield new Location(kind, null, name, env);
      }
      case MARIADB -> {
        mariaAdmin(env, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        yield new Location(kind, null, name, env);
      }
    };
  }

  private static void pgAdmin(Environment env, String sql) {
    try (Connection c = DriverManager.getConnection(env.pgUrl(env.pgAdminDb()));
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static void mariaAdmin(Environment env, String sql) {
    try (Connection c = DriverManager.getConnection(env.mariaUrl(""));
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  public DbKind kind() {
    return kind;
  }

  /** JDBC URL of this database (H2: plain file URL without options). */
  public String url() {
    return switch (kind) {
      case DUCKDB -> "jdbc:duckdb:" + file;
      case H2 -> "jdbc:h2:file:" + file;
      case POSTGRES -> env.pgUrl(serverDb);
      case MARIADB -> env.mariaUrl(serverDb);
    };
  }

  /** The DuckDB file, H2 base path, or PostgreSQL or MariaDB database name. */
  public String name() {
    return serverDb != null ? serverDb : file.toString();
  }

  public Path file() {
    return file;
  }

  /** Host, port, user and database of a PostgreSQL location. */
  public Environment env() {
    return env;
  }

  /** A fresh database with the same content; this location must not be in use. */
  public Location copy(String label) {
    if (kind == DbKind.MARIADB) {
      return mariaCopy(label);
    }
    Location dst = kind == DbKind.POSTGRES ? null : create(kind, label, env);
    try {
      switch (kind) {
        case DUCKDB -> {
          Files.copy(file, dst.file, StandardCopyOption.REPLACE_EXISTING);
          Path wal = Path.of(file + ".wal");
          if (Files.exists(wal)) {
            Files.copy(wal, Path.of(dst.file + ".wal"), StandardCopyOption.REPLACE_EXISTING);
          }
          return dst;
        }
        case H2 -> {
          Files.copy(
              Path.of(file + ".mv.db"),
              Path.of(dst.file + ".mv.db"),
              StandardCopyOption.REPLACE_EXISTING);
          return dst;
        }
        case POSTGRES -> {
          String name = "mxb_copy_" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
          pgAdmin(env, "CREATE DATABASE " + name + " TEMPLATE " + serverDb);
          return new Location(kind, null, name, env);
        }
        default -> throw new IllegalStateException();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** MariaDB has no database templates: a new database, every table copied by SQL. */
  private Location mariaCopy(String label) {
    Location dst = create(kind, label, env);
    try (Connection c = DriverManager.getConnection(env.mariaUrl(""));
        Statement s = c.createStatement()) {
      java.util.List<String> tables = new java.util.ArrayList<>();
      try (java.sql.ResultSet rs =
          s.executeQuery(
              "SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                  + serverDb
                  + "' AND table_type = 'BASE TABLE'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String t : tables) {
        String from = "`" + serverDb + "`.`" + t.replace("`", "``") + "`";
        String to = "`" + dst.serverDb + "`.`" + t.replace("`", "``") + "`";
        s.execute("CREATE TABLE " + to + " LIKE " + from);
        s.execute("INSERT INTO " + to + " SELECT * FROM " + from);
      }
      return dst;
    } catch (SQLException e) {
      dst.drop();
      throw new IllegalStateException("copying MariaDB database " + serverDb + ": " + e, e);
    }
  }

  /** Deletes the database. */
  public void drop() {
    try {
      switch (kind) {
        case DUCKDB -> {
          Files.deleteIfExists(file);
          Files.deleteIfExists(Path.of(file + ".wal"));
        }
        case H2 -> {
          Files.deleteIfExists(Path.of(file + ".mv.db"));
          Files.deleteIfExists(Path.of(file + ".trace.db"));
        }
        case POSTGRES -> pgAdmin(env, "DROP DATABASE IF EXISTS " + serverDb + " WITH (FORCE)");
        case MARIADB -> mariaAdmin(env, "DROP DATABASE IF EXISTS " + serverDb);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Brings statistics up to date after seeding (PostgreSQL: VACUUM ANALYZE every table). */
  public void analyze() {
    if (kind != DbKind.POSTGRES) {
      return;
    }
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE");
    } catch (SQLException e) {
      throw new IllegalStateException("VACUUM ANALYZE " + serverDb + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return kind.display() + " " + name();
  }
}
