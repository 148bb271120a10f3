package io.metaxy.adapter.spark.internal;

import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.RowHasher;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.hashing.StandardRowHashing;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Row hashes as Spark expressions: md5 and sha256 are Spark built-ins (lowercase hex). xxhash64 and
 * xxhash32 as Metaxy defines them (seed 0, unsigned, decimal) differ from Spark's {@code xxhash64}
 * (seed 42, signed): they run as Java UDFs over the hashing module's implementation, registered on
 * the session at open.
 */
public final class Hashes {
  private static final Map<HashAlgorithm, String> UDF_NAMES = new EnumMap<>(HashAlgorithm.class);

  static {
    UDF_NAMES.put(HashAlgorithm.XXHASH64, "metaxy_xxhash64");
    UDF_NAMES.put(HashAlgorithm.XXHASH32, "metaxy_xxhash32");
  }

  private Hashes() {}

  /** Registers the UDFs {@code algorithm} needs (none for md5 and sha256). */
  public static void register(SparkSession spark, HashAlgorithm algorithm) {
    String name = UDF_NAMES.get(algorithm);
    if (name != null) {
      spark.udf().register(name, new JvmHash(algorithm), DataTypes.StringType);
    }
  }

  /** {@code trunc(HASH(s))}. */
  public static Column truncated(HashAlgorithm algorithm, Truncation t, Column s) {
    Column h =
        switch (algorithm) {
          case MD5 -> functions.md5(s.cast(DataTypes.BinaryType));
          case SHA256 -> functions.sha2(s.cast(DataTypes.BinaryType), 256);
          case XXHASH64, XXHASH32 -> functions.call_function(UDF_NAMES.get(algorithm), s);
        };
    return t.length().isPresent() ? functions.substring(h, 1, t.length().getAsInt()) : h;
  }

  /** Hashes strings in the JVM of the executor with the hashing module. */
  static final class JvmHash implements UDF1<String, String> {
    private static final long serialVersionUID = 1L;
    private final HashAlgorithm algorithm;
    private transient RowHasher hasher;

    JvmHash(HashAlgorithm algorithm) {
      this.algorithm = algorithm;
    }

    @Override
    public String call(String s) {
      if (s == null) {
        return null;
      }
      if (hasher == null) {
        hasher = StandardRowHashing.hasherFor(algorithm);
      }
      return hasher.hash(s);
    }
  }
}
