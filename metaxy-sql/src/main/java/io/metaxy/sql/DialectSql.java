package io.metaxy.sql;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.Truncation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Per-dialect SQL fragments: hashing (md5/sha256 as lowercase hex of UTF-8 bytes), truncation,
 * concatenation, ordered string aggregation, column types and identifier limits. Every fragment
 * takes jOOQ fields, so user values stay bound.
 */
public final class DialectSql {
  private final SqlDialect dialect;

  public DialectSql(SqlDialect dialect) {
    this.dialect = dialect;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /**
   * Whether "latest row per sample" is an anti-join (H2: it re-evaluates windowed derived tables
   * for every joined row) instead of ROW_NUMBER.
   */
  public boolean latestByAntiJoin() {
    return dialect == SqlDialect.H2;
  }

  /**
   * Whether "latest row per sample" ranks only the samples with more than one row (DuckDB): the
   * rows of samples stored once are taken as they are, found by one grouping of the ID columns, so
   * the window (DuckDB: an arg_max aggregate joined back by row id) runs over the history only. See
   * ADR-0009.
   */
  public static boolean latestSplitsHistory(SqlDialect dialect) {
    return dialect == SqlDialect.DUCKDB;
  }

  /**
   * Whether a resolve that runs one statement per kind first stages its expected and current rows
   * in indexed temporary tables (MariaDB: otherwise each of the three statements merges both tables
   * again; H2's temporary tables would commit the resolve's transaction).
   */
  public boolean stagesResolveSides() {
    return dialect == SqlDialect.MARIADB;
  }

  /** Whether the dialect has FULL OUTER JOIN (DuckDB, PostgreSQL; not H2 or MariaDB). */
  public boolean supportsFullJoin() {
    return dialect == SqlDialect.DUCKDB || dialect == SqlDialect.POSTGRES;
  }

  /** Refuses, with a clear message, an algorithm the database cannot compute. */
  public void checkHashAlgorithm(HashAlgorithm algorithm) {
    if (algorithm != HashAlgorithm.MD5 && algorithm != HashAlgorithm.SHA256) {
      throw new MetaxyException(
          ErrorCode.UNSUPPORTED_HASH_ALGORITHM,
          "The "
              + dialect.type()
              + " store computes provenance inside the database, which supports md5 and sha256"
              + " but not hash_algorithm \""
              + algorithm.configName()
              + "\": set hash_algorithm to md5 or sha256, or use the in-memory store for "
              + algorithm.configName()
              + ".");
    }
  }

  /** {@code HASH(s)} as lowercase hex. */
  public Field<String> hash(HashAlgorithm algorithm, Field<String> s) {
    if (algorithm == HashAlgorithm.MD5) {
      return switch (dialect) {
        case H2 -> field("lower(rawtohex(hash('MD5', {0})))", String.class, s);
        default -> DSL.md5(s);
      };
    }
    if (algorithm == HashAlgorithm.SHA256) {
      return switch (dialect) {
        case DUCKDB -> field("sha256({0})", String.class, s);
        case POSTGRES -> field("encode(sha256(convert_to({0}, 'UTF8')), 'hex')", String.class, s);
        case H2 -> field("lower(rawtohex(hash('SHA-256', {0})))", String.class, s);
        case MARIADB -> field("sha2({0}, 256)", String.class, s);
      };
    }
    checkHashAlgorithm(algorithm);
    throw new IllegalStateException();
  }

  /** {@code trunc(HASH(s))}. */
  public Field<String> truncatedHash(HashAlgorithm algorithm, Truncation t, Field<String> s) {
    Field<String> h = hash(algorithm, s);
    return t.length().isPresent() ? DSL.substring(h, 1, t.length().getAsInt()) : h;
  }

  /** Concatenation of non-null parts. */
  public Field<String> concat(List<Field<String>> parts) {
    if (parts.isEmpty()) {
      return inline("");
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    if (dialect == SqlDialect.MARIADB) {
      return DSL.concat(parts.toArray(new Field<?>[0]));
    }
    // a || b || c, which keeps long chains flat (jOOQ's concat nests CONCAT on some dialects)
    StringBuilder sb = new StringBuilder("(");
    List<Field<?>> args = new ArrayList<>(parts);
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        sb.append(" || ");
      }
      sb.append('{').append(i).append('}');
    }
    sb.append(')');
    return field(sb.toString(), String.class, args.toArray(new Object[0]));
  }

  /** {@code string_agg(x, sep ORDER BY ...)} in the dialect's syntax. */
  public Field<String> orderedStringAgg(Field<String> x, String sep, List<SortField<?>> orderBy) {
    if (orderBy.isEmpty()) {
      throw new IllegalArgumentException("orderBy");
    }
    return switch (dialect) {
      case DUCKDB, POSTGRES ->
          field(
              "string_agg({0}, {1} order by {2})",
              String.class, x, inline(sep), DSL.list(orderBy.toArray(new SortField<?>[0])));
      default -> DSL.listAgg(x, sep).withinGroupOrderBy(orderBy);
    };
  }

  /** Maximum identifier length; PostgreSQL silently truncates, so names are checked in Java. */
  public int maxIdentifierLength() {
    return switch (dialect) {
      case POSTGRES -> 63;
      case MARIADB -> 64;
      default -> 255;
    };
  }

  /** The column type for string values. */
  public DataType<String> stringType() {
    return switch (dialect) {
      case MARIADB -> SQLDataType.CLOB;
      case POSTGRES -> SQLDataType.VARCHAR.collation(DSL.collation(DSL.quotedName("C")));
      default -> SQLDataType.VARCHAR;
    };
  }

  /** The column type for string ID columns (indexable: MariaDB VARCHAR(255)). */
  public DataType<String> idStringType() {
    return dialect == SqlDialect.MARIADB ? SQLDataType.VARCHAR(255) : stringType();
  }

  /** The column type for short system strings (hashes, versions, keys). */
  public DataType<String> shortStringType() {
    return switch (dialect) {
      case MARIADB -> SQLDataType.VARCHAR(255);
      case POSTGRES -> SQLDataType.VARCHAR.collation(DSL.collation(DSL.quotedName("C")));
      default -> SQLDataType.VARCHAR;
    };
  }

  /** The column type for timestamps (UTC, microseconds). */
  public DataType<LocalDateTime> timestampType() {
    return dialect == SqlDialect.DUCKDB ? SQLDataType.LOCALDATETIME : SQLDataType.LOCALDATETIME(6);
  }

  /** The column type inferred from a Java value. */
  public DataType<?> typeOf(Object v) {
    if (v == null || v instanceof String || v instanceof Character) {
      return stringType();
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return SQLDataType.BIGINT;
    }
    if (v instanceof Double || v instanceof Float) {
      return SQLDataType.DOUBLE;
    }
    if (v instanceof BigDecimal || v instanceof java.math.BigInteger) {
      return SQLDataType.DECIMAL(38, 10);
    }
    if (v instanceof Boolean) {
      return SQLDataType.BOOLEAN;
    }
    if (v instanceof Instant || v instanceof LocalDateTime) {
      return timestampType();
    }
    if (v instanceof LocalDate) {
      return SQLDataType.LOCALDATE;
    }
    if (v instanceof byte[]) {
      return SQLDataType.BLOB;
    }
    return stringType();
  }
}
