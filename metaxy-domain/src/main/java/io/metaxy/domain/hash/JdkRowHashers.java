package io.metaxy.domain.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** {@link RowHasher}s the JDK can compute: md5 and sha256 (lowercase hex). */
public final class JdkRowHashers {
  private JdkRowHashers() {}

  /** The JDK hasher for the algorithm, or empty for xxhash (which needs the hashing module). */
  public static Optional<RowHasher> forAlgorithm(HashAlgorithm algorithm) {
    return switch (algorithm) {
      case MD5 -> Optional.of(digestHasher("MD5"));
      case SHA256 -> Optional.of(digestHasher("SHA-256"));
      default -> Optional.empty();
    };
  }

  private static RowHasher digestHasher(String name) {
    Sha256.digest(name); // fail fast if absent
    // MessageDigest.getInstance is a provider lookup: reuse one digest per thread
    ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(() -> Sha256.digest(name));
    return input -> Sha256.hex(digests.get().digest(input.getBytes(StandardCharsets.UTF_8)));
  }
}
