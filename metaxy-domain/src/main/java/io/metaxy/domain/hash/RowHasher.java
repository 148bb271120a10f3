package io.metaxy.domain.hash;

/**
 * Hashes a UTF-8 string into the untruncated textual form of one {@link HashAlgorithm}. The
 * record-level engine takes one; implementations for every algorithm come from the hashing module.
 */
@FunctionalInterface
public interface RowHasher {
  String hash(String input);

  /**
   * A new single-threaded {@link HashKernel} giving the same hashes as {@link #hash} over byte
   * buffers. The default decodes the input and calls {@link #hash}; implementations override it to
   * hash without intermediate objects.
   */
  default HashKernel kernel() {
    return HashKernel.ofStrings(this);
  }
}
