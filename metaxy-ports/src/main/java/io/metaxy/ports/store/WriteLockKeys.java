package io.metaxy.ports.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The names of the database locks SQL stores take so that several processes can write one feature
 * table: every store adapter writing the same tables must derive them here, so that they exclude
 * each other. A lock is scoped to one table of one schema: {@code scope = schema + "." + table}
 * ({@code schema} is the configured schema/database name, the empty string when none is configured;
 * names exactly as configured, no case folding or quoting). From the SHA-256 of {@code
 * "metaxy-write-lock:" + scope} (UTF-8):
 *
 * <ul>
 *   <li>{@link #advisoryKey}: its first 8 bytes as a big-endian signed {@code long} (PostgreSQL
 *       {@code pg_advisory_xact_lock(bigint)});
 *   <li>{@link #lockName}: {@code "metaxy_"} + its first 16 bytes in lower-case hex, 39 characters
 *       (MariaDB {@code GET_LOCK(name, timeout)}, at most 64 characters; the row key of a lock
 *       table).
 * </ul>
 *
 * <p>{@link #DDL_TABLE} is the pseudo table whose lock serialises the creation of schemas and
 * tables.
 */
public final class WriteLockKeys {
  /** The pseudo table name of the schema-wide DDL lock. */
  public static final String DDL_TABLE = "metaxy:ddl";

  /** The lock table of databases without named locks (H2): one row per lock name. */
  public static final String LOCK_TABLE = "metaxy_write_locks";

  /** The key column of {@link #LOCK_TABLE}, {@code VARCHAR(64)} primary key. */
  public static final String LOCK_COLUMN = "lock_name";

  private WriteLockKeys() {}

  /** The scope text of a table: {@code schema + "." + table}, schema empty when not configured. */
  public static String scope(String schema, String table) {
    Objects.requireNonNull(table, "table");
    return (schema == null ? "" : schema) + "." + table;
  }

  /** The PostgreSQL advisory lock key of a table. */
  public static long advisoryKey(String schema, String table) {
    byte[] h = digest(schema, table);
    long k = 0;
    for (int i = 0; i < 8; i++) {
      k = (k << 8) | (h[i] & 0xffL);
    }
    return k;
  }

  /** The named-lock / lock-row name of a table (39 characters). */
  public static String lockName(String schema, String table) {
    byte[] h = digest(schema, table);
    return "metaxy_" + HexFormat.of().formatHex(h, 0, 16);
  }

  private static byte[] digest(String schema, String table) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(("metaxy-write-lock:" + scope(schema, table)).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
