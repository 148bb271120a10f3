package io.metaxy.ports.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WriteLockKeysTest {
  @Test
  void keysArePinnedSoEveryAdapterTakesTheSameLock() {
    // pinned values: an adapter computing other keys would not exclude this one's writers
    assertThat(WriteLockKeys.scope("metaxy", "example__video")).isEqualTo("metaxy.example__video");
    assertThat(WriteLockKeys.scope(null, "t")).isEqualTo(".t");
    // computed independently: sha256("metaxy-write-lock:metaxy.example__video")
    assertThat(WriteLockKeys.lockName("metaxy", "example__video"))
        .isEqualTo("metaxy_7c591444dd29768cc9463cc7f7a4e5ff");
    assertThat(WriteLockKeys.advisoryKey("metaxy", "example__video"))
        .isEqualTo(8960215219631126156L);
  }

  @Test
  void schemaAndTableBothSelectTheLock() {
    Set<Long> keys = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (String schema : new String[] {null, "", "a", "b", "a.b"}) {
      for (String table : new String[] {"t", "u", "b.t"}) {
        keys.add(WriteLockKeys.advisoryKey(schema, table));
        names.add(WriteLockKeys.lockName(schema, table));
      }
    }
    // null and "" are the same scope, and "a" + "b.t" is the same scope as "a.b" + "t"
    assertThat(keys).hasSize(11);
    assertThat(names).hasSize(11);
  }
}
