package io.metaxy.adapter.ebean.internal;

import io.ebean.config.dbplatform.DatabasePlatform;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The SQL differences between the supported databases: quoting, column types, platform names. */
public enum Dialect {
  H2("h2", '"', '"'),
  POSTGRES("postgres", '"', '"'),
  MARIADB("mariadb", '`', '`');

  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final Set<String> RESERVED =
      Set.of(
          "all",
          "and",
          "any",
          "array",
          "as",
          "asc",
          "between",
          "both",
          "case",
          "check",
          "column",
          "constraint",
          "cross",
          "current_date",
          "current_time",
          "current_timestamp",
          "current_user",
          "default",
          "desc",
          "distinct",
          "else",
          "end",
          "except",
          "exists",
          "false",
          "fetch",
          "for",
          "foreign",
          "from",
          "full",
          "group",
          "having",
          "if",
          "in",
          "index",
          "inner",
          "intersect",
          "interval",
          "is",
          "join",
          "key",
          "leading",
          "left",
          "like",
          "limit",
          "minus",
          "natural",
          "not",
          "null",
          "offset",
          "on",
          "or",
          "order",
          "primary",
          "qualify",
          "regexp",
          "right",
          "row",
          "rownum",
          "rows",
          "select",
          "set",
          "some",
          "table",
          "to",
          "top",
          "trailing",
          "true",
          "union",
          "unique",
          "unknown",
          "user",
          "using",
          "value",
          "values",
          "when",
          "where",
          "window",
          "with",
          "year",
          "month",
          "day",
          "hour",
          "minute",
          "second",
          "range",
          "level",
          "timestamp",
          "date",
          "time",
          "rank",
          "groups",
          "current",
          "option",
          "read");

  private final String folder;
  private final char open;
  private final char close;

  Dialect(String folder, char open, char close) {
    this.folder = folder;
    this.open = open;
    this.close = close;
  }

  /** The folder name of this platform's system migration scripts. */
  public String folder() {
    return folder;
  }

  /** The dialect of a JDBC URL. */
  public static Dialect fromUrl(String url) {
    String u = url == null ? "" : url.toLowerCase(Locale.ROOT);
    if (u.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (u.startsWith("jdbc:postgresql:")) {
      return POSTGRES;
    }
    if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
      return MARIADB;
    }
    throw new MetaxyException(
        ErrorCode.INVALID_CONFIG,
        "The Ebean store supports H2, PostgreSQL and MariaDB; the url \""
            + url
            + "\" is none of them: use jdbc:h2:, jdbc:postgresql: or jdbc:mariadb:.");
  }

  /** The dialect of an Ebean platform. */
  public static Dialect fromPlatform(DatabasePlatform platform) {
    String name = platform.platform().base().name().toLowerCase(Locale.ROOT);
    if (name.contains("h2")) {
      return H2;
    }
    if (name.contains("postgres")) {
      return POSTGRES;
    }
    if (name.contains("maria") || name.contains("mysql")) {
      return MARIADB;
    }
    throw new MetaxyException(
        ErrorCode.INVALID_CONFIG,
        "The Ebean store supports H2, PostgreSQL and MariaDB, not " + platform.platform() + ".");
  }

  /** An identifier, quoted only when it needs to be (so unquoted Ebean DDL names still match). */
  public String id(String name) {
    if (PLAIN.matcher(name).matches() && !RESERVED.contains(name)) {
      return name;
    }
    return open + name.replace(String.valueOf(close), String.valueOf(close) + close) + close;
  }

  /** Text of any length. */
  public String textType() {
    return switch (this) {
      case H2 -> "character large object";
      case POSTGRES -> "text";
      case MARIADB -> "longtext";
    };
  }

  /** Strings in user columns (comparable, usable in PARTITION BY). */
  public String stringType() {
    return switch (this) {
      case H2 -> "character varying";
      case POSTGRES -> "varchar";
      case MARIADB -> "text";
    };
  }

  /** Strings in ID columns (indexable on every platform). */
  public String idStringType() {
    return this == MARIADB ? "varchar(255)" : stringType();
  }

  public String varchar(int length) {
    return "varchar(" + length + ")";
  }

  public String timestampType() {
    return switch (this) {
      case H2 -> "timestamp(6) with time zone";
      case POSTGRES -> "timestamptz";
      case MARIADB -> "datetime(6)";
    };
  }

  public String bigintType() {
    return "bigint";
  }

  public String integerType() {
    return "integer";
  }

  public String doubleType() {
    return switch (this) {
      case H2, POSTGRES -> "double precision";
      case MARIADB -> "double";
    };
  }

  public String booleanType() {
    return "boolean";
  }

  public String decimalType() {
    return "decimal(38,10)";
  }

  /** The SQL type of a Java value type, for tables the store creates. */
  public String sqlType(Class<?> type) {
    if (type == String.class || type == Character.class || type == char.class) {
      return stringType();
    }
    if (type == Long.class || type == long.class || type == java.math.BigInteger.class) {
      return bigintType();
    }
    if (type == Integer.class
        || type == int.class
        || type == Short.class
        || type == short.class
        || type == Byte.class
        || type == byte.class) {
      return integerType();
    }
    if (type == Double.class
        || type == double.class
        || type == Float.class
        || type == float.class) {
      return doubleType();
    }
    if (type == Boolean.class || type == boolean.class) {
      return booleanType();
    }
    if (type == java.math.BigDecimal.class) {
      return decimalType();
    }
    if (java.time.temporal.Temporal.class.isAssignableFrom(type)
        || java.util.Date.class.isAssignableFrom(type)) {
      return timestampType();
    }
    if (java.util.Map.class.isAssignableFrom(type) || type == java.util.UUID.class) {
      return type == java.util.UUID.class ? varchar(40) : textType();
    }
    if (Enum.class.isAssignableFrom(type)) {
      return varchar(255);
    }
    return textType();
  }
}
