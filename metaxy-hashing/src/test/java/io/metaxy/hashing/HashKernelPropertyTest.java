package io.metaxy.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.HashKernel;
import io.metaxy.domain.hash.RowHasher;
import io.metaxy.domain.hash.Truncation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** A {@link HashKernel} gives exactly the truncated string hash, for every algorithm. */
class HashKernelPropertyTest {

  @Property(tries = 300)
  void kernelEqualsStringHash(
      @ForAll HashAlgorithm algorithm,
      @ForAll List<String> parts,
      @ForAll boolean truncate,
      @ForAll @IntRange(min = 8, max = 80) int length) {
    RowHasher hasher = StandardRowHashing.hasherFor(algorithm);
    Truncation t = truncate ? Truncation.of(length) : Truncation.NONE;
    String joined = String.join("|", parts);
    HashKernel k = hasher.kernel();
    k.append("stale input").hash(t); // a kernel is reusable: earlier input must not leak
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        k.append((byte) '|');
      }
      if (i % 2 == 0) {
        k.append(parts.get(i));
      } else {
        k.append(parts.get(i).getBytes(StandardCharsets.UTF_8));
      }
    }
    String expected = t.apply(hasher.hash(joined));
    assertThat(k.hash(t)).isEqualTo(expected);
    byte[] out = new byte[200];
    out[0] = 'x';
    int n = k.append(joined).hashInto(t, out, 1);
    assertThat(new String(out, 1, n, StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(out[0]).isEqualTo((byte) 'x');
  }

  @Property(tries = 200)
  void unsignedDecimalMatchesJdk(@ForAll long v) {
    byte[] out = new byte[32];
    int n = StandardRowHashing.unsignedDecimal(v, out);
    assertThat(new String(out, 0, n, StandardCharsets.US_ASCII))
        .isEqualTo(Long.toUnsignedString(v));
  }
}
