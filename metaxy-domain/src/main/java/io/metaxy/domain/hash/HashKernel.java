package io.metaxy.domain.hash;

import java.nio.charset.StandardCharsets;

/**
 * A reusable, single-threaded hashing buffer for hot loops: the caller appends the UTF-8 bytes of
 * one hash input, then takes the truncated hash as a string or as ASCII bytes written into another
 * buffer, without intermediate strings, builders or digest arrays. Not thread-safe: take one per
 * thread from {@link RowHasher#kernel()}.
 *
 * <p>Subclasses implement {@link #digestInto}; the result is exactly {@code
 * truncation.apply(hasher.hash(input))} for the bytes appended.
 */
public abstract class HashKernel {
  private byte[] input = new byte[128];
  private int length;
  private byte[] output = new byte[64];

  /** Starts a new input. */
  public final HashKernel reset() {
    length = 0;
    return this;
  }

  /** Appends bytes (already UTF-8). */
  public final HashKernel append(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, input, length, bytes.length);
    length += bytes.length;
    return this;
  }

  /** Appends {@code len} bytes (already UTF-8) of {@code bytes} from {@code off}. */
  public final HashKernel append(byte[] bytes, int off, int len) {
    ensure(len);
    System.arraycopy(bytes, off, input, length, len);
    length += len;
    return this;
  }

  /** Appends one ASCII byte. */
  public final HashKernel append(byte b) {
    ensure(1);
    input[length++] = b;
    return this;
  }

  /** Appends the UTF-8 encoding of {@code s} ({@code null} appends nothing). */
  public final HashKernel append(String s) {
    if (s == null) {
      return this;
    }
    int n = s.length();
    ensure(n);
    byte[] in = input;
    int at = length;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return appendUtf8Slow(s, i, at);
      }
      in[at++] = (byte) c;
    }
    length = at;
    return this;
  }

  private HashKernel appendUtf8Slow(String s, int from, int at) {
    length = at;
    return append(s.substring(from).getBytes(StandardCharsets.UTF_8));
  }

  private void ensure(int more) {
    if (length + more > input.length) {
      input = java.util.Arrays.copyOf(input, Math.max(input.length * 2, length + more));
    }
  }

  /**
   * Hashes the appended input and writes its truncated textual hash (ASCII) to {@code out} at
   * {@code at}; returns the number of bytes written. The input is then empty.
   */
  public final int hashInto(Truncation truncation, byte[] out, int at) {
    int n = digestInto(input, length);
    int keep = Math.min(n, truncation.limit());
    System.arraycopy(output, 0, out, at, keep);
    length = 0;
    return keep;
  }

  /** Hashes the appended input; its truncated textual hash. The input is then empty. */
  public final String hash(Truncation truncation) {
    int n = digestInto(input, length);
    int keep = Math.min(n, truncation.limit());
    length = 0;
    return new String(output, 0, keep, StandardCharsets.ISO_8859_1);
  }

  /** The output buffer, grown to at least {@code capacity} bytes; for {@link #digestInto}. */
  protected final byte[] output(int capacity) {
    if (output.length < capacity) {
      output = new byte[capacity];
    }
    return output;
  }

  /**
   * Writes the full textual hash (ASCII) of {@code in[0, length)} to the start of {@link
   * #output(int)} and returns its length.
   */
  protected abstract int digestInto(byte[] in, int length);

  /** A kernel over any {@link RowHasher}: decodes the input and calls {@link RowHasher#hash}. */
  static HashKernel ofStrings(RowHasher hasher) {
    return new HashKernel() {
      @Override
      protected int digestInto(byte[] in, int len) {
        String h = hasher.hash(new String(in, 0, len, StandardCharsets.UTF_8));
        byte[] b = h.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, output(b.length), 0, b.length);
        return b.length;
      }
    };
  }
}
