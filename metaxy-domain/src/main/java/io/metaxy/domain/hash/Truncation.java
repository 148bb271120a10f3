package io.metaxy.domain.hash;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import java.util.OptionalInt;

/**
 * The {@code hash_truncation_length} setting: keep the first {@code L} characters of every hash
 * ({@code L >= 8}, default 8), or keep full hashes. Shorter strings are never padded.
 */
public final class Truncation {
  /** The default: 8 characters. */
  public static final Truncation DEFAULT = new Truncation(8);

  /** Full-length hashes. */
  public static final Truncation NONE = new Truncation(-1);

  private final int length;

  private Truncation(int length) {
    this.length = length;
  }

  /** A truncation to {@code length} characters; must be at least 8. */
  public static Truncation of(int length) {
    if (length < 8) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "hash_truncation_length is " + length + ": it must be at least 8 (or unset for none).");
    }
    return length == 8 ? DEFAULT : new Truncation(length);
  }

  /** {@code null} means no truncation. */
  public static Truncation ofNullable(Integer length) {
    return length == null ? NONE : of(length);
  }

  public OptionalInt length() {
    return length < 0 ? OptionalInt.empty() : OptionalInt.of(length);
  }

  /** The number of characters kept: the length, or {@link Integer#MAX_VALUE} for none. */
  public int limit() {
    return length < 0 ? Integer.MAX_VALUE : length;
  }

  public String apply(String s) {
    return length < 0 || s.length() <= length ? s : s.substring(0, length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Truncation t && t.length == length;
  }

  @Override
  public int hashCode() {
    return length;
  }

  @Override
  public String toString() {
    return length < 0 ? "none" : Integer.toString(length);
  }
}
