package io.metaxy.adapter.ebean.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The database lock keys of the store, derived in one place: the per-table write lock and the
 * schema lock. A key is the first 8 bytes (big-endian) of SHA-256 over {@code "metaxy:" + scope}
 * where the scope is {@code write:<table>} (the table name unquoted, lower-case) or {@code schema};
 * PostgreSQL takes it as the {@code bigint} of {@code pg_advisory_xact_lock}, MariaDB as the
 * lock name {@code metaxy_<16 hex digits>} of {@code GET_LOCK}.
 */
public final class LockKeys {
  private LockKeys() {}

  /** The key of the write lock of {@code table} (an SQL table reference, quotes ignored). */
  public static long writeKey(String table) {
    return key("write:" + unquoted(table));
  }

  /** The key of the lock serialising schema changes (system tables, feature DDL). */
  public static long schemaKey() {
    return key("schema");
  }

  /** The MariaDB {@code GET_LOCK} name of a key. */
  public static String lockName(long key) {
    return "metaxy_" + String.format("%016x", key);
  }

  static String unquoted(String table) {
    return table.replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT);
  }

  private static long key(String scope) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(("metaxy:" + scope).getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (d[i] & 0xff);
      }
      return v;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
