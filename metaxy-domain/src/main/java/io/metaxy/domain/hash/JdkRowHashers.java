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
    return new RowHasher() {
      @Override
      public String hash(String input) {
        return Sha256.hex(digests.get().digest(input.getBytes(StandardCharsets.UTF_8)));
      }

      @Override
      public HashKernel kernel() {
        return new DigestKernel(Sha256.digest(name));
      }
    };
  }

  /** A kernel over one {@link MessageDigest}: digest and hex into reused buffers. */
  private static final class DigestKernel extends HashKernel {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final MessageDigest digest;
    private final byte[] raw;

    DigestKernel(MessageDigest digest) {
      this.digest = digest;
      this.raw = new byte[digest.getDigestLength()];
    }

    @Override
    protected int digestInto(byte[] in, int length) {
      byte[] out = output(raw.length * 2);
      digest.update(in, 0, length);
      try {
        digest.digest(raw, 0, raw.length);
      } catch (java.security.DigestException e) {
        throw new IllegalStateException(e);
      }
      for (int i = 0; i < raw.length; i++) {
        out[2 * i] = HEX[(raw[i] >> 4) & 0xF];
        out[2 * i + 1] = HEX[raw[i] & 0xF];
      }
      return raw.length * 2;
    }
  }
}
