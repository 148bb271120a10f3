package io.metaxy.domain.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Incremental SHA-256 over UTF-8 chunks with lowercase hex output (graph-level versions). */
public final class Sha256 {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private final MessageDigest digest;

  private Sha256(MessageDigest digest) {
    this.digest = digest;
  }

  public static Sha256 start() {
    return new Sha256(digest("SHA-256"));
  }

  /** Feeds one chunk. */
  public Sha256 update(String chunk) {
    digest.update(chunk.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Feeds one chunk given as (UTF-8) bytes. */
  public Sha256 update(byte[] chunk) {
    digest.update(chunk);
    return this;
  }

  /** The lowercase hex digest of everything fed so far; the hasher then starts afresh. */
  public String hex() {
    return hex(digest.digest());
  }

  static MessageDigest digest(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + name, e);
    }
  }

  /** Lowercase hex of bytes. */
  public static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[bytes[i] & 0xF];
    }
    return new String(out);
  }
}
