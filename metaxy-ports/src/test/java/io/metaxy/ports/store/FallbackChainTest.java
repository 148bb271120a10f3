package io.metaxy.ports.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FallbackChainTest {
  private static final FeatureKey F = FeatureKey.of("kit/samples");
  private static final FeatureGraph GRAPH =
      FeatureGraph.of(FeatureSpec.builder(F).idColumns("id").field("v", "1").build());

  /** A store that holds {@code F} or not, with fallbacks, recording when it is opened. */
  private static MetadataStore store(
      String name, boolean holds, List<String> opened, MetadataStore... fallbacks) {
    StoreSettings.Builder b = StoreSettings.builder(GRAPH);
    for (MetadataStore f : fallbacks) {
      b.fallbackStore(f);
    }
    StoreSettings settings = b.build();
    boolean[] open = {false};
    return (MetadataStore)
        Proxy.newProxyInstance(
            MetadataStore.class.getClassLoader(),
            new Class<?>[] {MetadataStore.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "open" -> {
                    open[0] = true;
                    opened.add(name);
                    yield proxy;
                  }
                  case "isOpen" -> open[0];
                  case "hasFeature" -> {
                    assertThat(open[0] || name.equals("local"))
                        .as("%s opened before use", name)
                        .isTrue();
                    yield holds;
                  }
                  case "settings" -> settings;
                  case "toString" -> name;
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @Test
  void theLocalStoreWinsAndOpensNoFallback() {
    List<String> opened = new ArrayList<>();
    MetadataStore fb = store("fb", true, opened);
    assertThat(FallbackChain.holderOf(store("local", true, opened, fb), F)).isEmpty();
    assertThat(opened).isEmpty();
  }

  @Test
  void theChainIsSearchedDepthFirstThroughEveryLevelOpeningOnDemand() {
    List<String> opened = new ArrayList<>();
    MetadataStore deep = store("deep", true, opened);
    MetadataStore middle = store("middle", false, opened, deep);
    MetadataStore later = store("later", true, opened);
    MetadataStore local = store("local", false, opened, middle, later);
    assertThat(FallbackChain.holderOf(local, F)).containsSame(deep);
    assertThat(opened).as("later is never reached").containsExactly("middle", "deep");
  }

  @Test
  void nobodyHoldingTheFeatureGivesEmptyAndCyclesEnd() {
    List<String> opened = new ArrayList<>();
    MetadataStore a = store("a", false, opened);
    MetadataStore local = store("local", false, opened, a, a);
    assertThat(FallbackChain.holderOf(local, F)).isEmpty();
    assertThat(Set.copyOf(opened)).containsExactly("a");
  }
}
