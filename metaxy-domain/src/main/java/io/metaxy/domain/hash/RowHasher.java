package io.metaxy.domain.hash;

/**
 * Hashes a UTF-8 string into the untruncated textual form of one {@link HashAlgorithm}. The
 * record-level engine takes one; implementations for every algorithm come from the hashing module.
 */
@FunctionalInterface
public interface RowHasher {
  String hash(String input);
}
