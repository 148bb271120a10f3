package io.metaxy.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.RowHasher;
import io.metaxy.hashing.internal.XxHash32;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Output formats and published reference values of every row hash algorithm. */
class StandardRowHashingTest {

  private static String hash(HashAlgorithm a, String s) {
    return StandardRowHashing.hasherFor(a).hash(s);
  }

  @ParameterizedTest(name = "{0}(\"{1}\")")
  @CsvSource(
      delimiter = ';',
      value = {
        // Published reference values (xxHash project / python-xxhash documentation, seed 0).
        "xxhash32;'';46947589",
        "xxhash32;abc;852579327",
        "xxhash32;Nobody inspects the spammish repetition;3794352943",
        "xxhash64;'';17241709254077376921",
        "xxhash64;abc;4952883123889572249",
        "xxhash64;Nobody inspects the spammish repetition;18144624926692707313",
        "md5;'';d41d8cd98f00b204e9800998ecf8427e",
        "md5;abc;900150983cd24fb0d6963f7d28e17f72",
        "sha256;abc;ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
      })
  void referenceValues(String algorithm, String input, String expected) {
    assertThat(hash(HashAlgorithm.fromConfigName(algorithm), input)).isEqualTo(expected);
  }

  @Test
  void everyAlgorithmSupported() {
    assertThat(StandardRowHashing.instance().supported())
        .containsExactlyInAnyOrder(HashAlgorithm.values());
  }

  @Test
  void nullAlgorithmIsANamedError() {
    assertThatThrownBy(() -> StandardRowHashing.instance().hasher(null))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("hash_algorithm");
  }

  @Test
  void xxhash32CoversEveryTailLength() {
    // Inputs of 0..40 bytes exercise the 16-byte stripes and both tail loops; the result must be
    // a pure function of the bytes and differ between consecutive prefixes.
    byte[] data = new byte[40];
    new Random(7).nextBytes(data);
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int n = 0; n <= data.length; n++) {
      byte[] prefix = java.util.Arrays.copyOf(data, n);
      int h = XxHash32.hash(prefix, 0);
      assertThat(XxHash32.hash(prefix.clone(), 0)).isEqualTo(h);
      seen.add(h);
    }
    assertThat(seen).hasSize(data.length + 1);
  }

  @Property(tries = 200)
  void xxOutputsAreUnsignedDecimal(@ForAll String input) {
    String x64 = hash(HashAlgorithm.XXHASH64, input);
    String x32 = hash(HashAlgorithm.XXHASH32, input);
    assertThat(x64).matches("[0-9]{1,20}");
    assertThat(new java.math.BigInteger(x64)).isLessThan(java.math.BigInteger.ONE.shiftLeft(64));
    assertThat(x32).matches("[0-9]{1,10}");
    assertThat(Long.parseLong(x32)).isLessThan(1L << 32);
    assertThat(Integer.toUnsignedString(XxHash32.hash(input.getBytes(StandardCharsets.UTF_8), 0)))
        .isEqualTo(x32);
  }

  @Property(tries = 100)
  void hexOutputsAreLowercase(@ForAll String input) {
    RowHasher md5 = StandardRowHashing.hasherFor(HashAlgorithm.MD5);
    RowHasher sha = StandardRowHashing.hasherFor(HashAlgorithm.SHA256);
    assertThat(md5.hash(input)).matches("[0-9a-f]{32}");
    assertThat(sha.hash(input)).matches("[0-9a-f]{64}");
  }
}
