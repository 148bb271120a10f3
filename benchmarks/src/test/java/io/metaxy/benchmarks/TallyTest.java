package io.metaxy.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TallyTest {
  @Test
  void exactStaleIdsPass() {
    Tally t = new Tally(100);
    for (long id = 3; id < 100; id += 10) {
      t.add(Tally.Kind.STALE, id, "p" + id);
    }
    assertThat(t.verify(Phase.STALE)).isNull();
    assertThat(t.counts()).isEqualTo("0/10/0");
  }

  @Test
  void aMissingExtraOrDuplicateIdFails() {
    Tally missing = new Tally(100);
    for (long id = 13; id < 100; id += 10) {
      missing.add(Tally.Kind.STALE, id, "p");
    }
    assertThat(missing.verify(Phase.STALE)).contains("stale: 9 rows, expected 10").contains("3");

    Tally extra = new Tally(100);
    for (long id = 3; id < 100; id += 10) {
      extra.add(Tally.Kind.STALE, id, "p");
    }
    extra.add(Tally.Kind.STALE, 4, "p");
    assertThat(extra.verify(Phase.STALE)).contains("unexpected e.g. 4");

    Tally dup = new Tally(100);
    for (long id = 3; id < 100; id += 10) {
      dup.add(Tally.Kind.STALE, id, "p");
    }
    dup.add(Tally.Kind.STALE, 3, "p");
    assertThat(dup.verify(Phase.STALE)).contains("duplicate");

    Tally newAsStale = new Tally(10);
    for (long id = 0; id < 10; id++) {
      newAsStale.add(Tally.Kind.STALE, id, "p");
    }
    assertThat(newAsStale.verify(Phase.NEW)).contains("new: 0 rows, expected 10");
  }

  @Test
  void checksumDependsOnProvenanceAndKindNotOrder() {
    Tally a = new Tally(10);
    a.add(Tally.Kind.NEW, 1, "aaaa");
    a.add(Tally.Kind.NEW, 2, "bbbb");
    Tally b = new Tally(10);
    b.add(Tally.Kind.NEW, 2, "bbbb");
    b.add(Tally.Kind.NEW, 1, "aaaa");
    Tally c = new Tally(10);
    c.add(Tally.Kind.NEW, 1, "aaab");
    c.add(Tally.Kind.NEW, 2, "bbbb");
    Tally d = new Tally(10);
    d.add(Tally.Kind.STALE, 1, "aaaa");
    d.add(Tally.Kind.NEW, 2, "bbbb");
    assertThat(a.checksum()).isEqualTo(b.checksum());
    assertThat(c.checksum()).isNotEqualTo(a.checksum());
    assertThat(d.checksum()).isNotEqualTo(a.checksum());
  }
}
