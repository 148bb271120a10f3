package io.metaxy.ports.hashing;

import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.RowHasher;
import java.util.Set;

/**
 * The row-hashing port: supplies a {@link RowHasher} per {@link HashAlgorithm} for stores that hash
 * in the JVM. Database stores hash in SQL and refuse, at open, an algorithm their database cannot
 * compute.
 */
public interface RowHashing {
  Set<HashAlgorithm> supported();

  /** The hasher; throws a {@code MetaxyException} naming the algorithm if unsupported. */
  RowHasher hasher(HashAlgorithm algorithm);
}
