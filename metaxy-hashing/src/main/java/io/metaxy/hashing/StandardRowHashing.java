package io.metaxy.hashing;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.hash.HashAlgorithm;
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
      case XXHASH64 ->
          input -> Long.toUnsignedString(XX64.hashBytes(input.getBytes(StandardCharsets.UTF_8)));
      case XXHASH32 ->
          input ->
              Integer.toUnsignedString(XxHash32.hash(input.getBytes(StandardCharsets.UTF_8), 0));
    };
  }
}
