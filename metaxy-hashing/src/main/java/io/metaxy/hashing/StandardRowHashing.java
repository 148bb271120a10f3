package io.metaxy.hashing;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.HashKernel;
import io.metaxy.domain.hash.JdkRowHashers;
import io.metaxy.domain.hash.RowHasher;
import io.metaxy.hashing.internal.XxHash32;
import io.metaxy.ports.hashing.RowHashing;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import net.openhft.hashing.LongHashFunction;

/**
 * Every row hash algorithm of docs/semantics.md §3 in the JVM: {@code md5} and {@code sha256} from
 * the JDK (lowercase hex), {@code xxhash64} from zero-allocation-hashing and {@code xxhash32} (both
 * seed 0, over the UTF-8 bytes, unsigned result in decimal). Hashers are stateless and thread-safe.
 */
public final class StandardRowHashing implements RowHashing {
  private static final StandardRowHashing INSTANCE = new StandardRowHashing();
  private static final LongHashFunction XX64 = LongHashFunction.xx(0);

  /** The shared instance. */
  public static StandardRowHashing instance() {
    return INSTANCE;
  }

  /** Shortcut: the hasher of {@code algorithm}. */
  public static RowHasher hasherFor(HashAlgorithm algorithm) {
    return INSTANCE.hasher(algorithm);
  }

  @Override
  public Set<HashAlgorithm> supported() {
    return EnumSet.allOf(HashAlgorithm.class);
  }

  @Override
  public RowHasher hasher(HashAlgorithm algorithm) {
    if (algorithm == null) {
      throw new MetaxyException(
          ErrorCode.UNSUPPORTED_HASH_ALGORITHM,
          "No hash_algorithm given: use one of md5, sha256, xxhash64, xxhash32.");
    }
    return switch (algorithm) {
      case MD5, SHA256 -> JdkRowHashers.forAlgorithm(algorithm).orElseThrow();
      case XXHASH64 -> new Xx(true);
      case XXHASH32 -> new Xx(false);
    };
  }

  /** xxhash64 / xxhash32 (seed 0) over UTF-8 bytes, unsigned decimal. */
  private record Xx(boolean wide) implements RowHasher {
    @Override
    public String hash(String input) {
      byte[] b = input.getBytes(StandardCharsets.UTF_8);
      return wide
          ? Long.toUnsignedString(XX64.hashBytes(b))
          : Integer.toUnsignedString(XxHash32.hash(b, 0));
    }

    @Override
    public HashKernel kernel() {
      return new HashKernel() {
        @Override
        protected int digestInto(byte[] in, int length) {
          long v =
              wide
                  ? XX64.hashBytes(in, 0, length)
                  : Integer.toUnsignedLong(XxHash32.hash(in, length, 0));
          return unsignedDecimal(v, output(20));
        }
      };
    }
  }

  /** Writes {@code v} as an unsigned decimal (ASCII) into {@code out}; returns its length. */
  static int unsignedDecimal(long v, byte[] out) {
    int n = 0;
    if (v >= 0) {
      do {
        out[n++] = (byte) ('0' + (int) (v % 10));
        v /= 10;
      } while (v != 0);
    } else {
      long q = (v >>> 1) / 5; // unsigned v / 10
      int r = (int) (v - q * 10);
      out[n++] = (byte) ('0' + r);
      v = q;
      while (v != 0) {
        out[n++] = (byte) ('0' + (int) (v % 10));
        v /= 10;
      }
    }
    for (int i = 0, j = n - 1; i < j; i++, j--) {
      byte t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return n;
  }
}
