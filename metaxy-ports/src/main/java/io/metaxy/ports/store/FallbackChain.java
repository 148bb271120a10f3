package io.metaxy.ports.store;

import io.metaxy.domain.key.FeatureKey;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Fallback reads shared by every store ({@code docs/semantics.md §5}): a feature absent from a
 * store is served whole from the first fallback store that holds it, searched depth first through
 * every level (a fallback's own fallbacks, in configuration order). Fallback stores are opened on
 * demand, only when the search reaches them, and are never written.
 */
public final class FallbackChain {
  private FallbackChain() {}

  /**
   * The store that serves {@code feature} for {@code store}: empty when {@code store} holds it
   * itself or no store of its fallback chain does; otherwise the first fallback (at any level)
   * holding it, opened.
   */
  public static Optional<MetadataStore> holderOf(MetadataStore store, FeatureKey feature) {
    if (store.hasFeature(feature)) {
      return Optional.empty();
    }
    Set<MetadataStore> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(store);
    Deque<MetadataStore> todo = new ArrayDeque<>();
    pushFallbacks(store, todo);
    while (!todo.isEmpty()) {
      MetadataStore f = todo.pop();
      if (!seen.add(f)) {
        continue;
      }
      if (!f.isOpen()) {
        f.open();
      }
      if (f.hasFeature(feature)) {
        return Optional.of(f);
      }
      pushFallbacks(f, todo);
    }
    return Optional.empty();
  }

  private static void pushFallbacks(MetadataStore s, Deque<MetadataStore> todo) {
    var fallbacks = s.settings().fallbackStores();
    for (int i = fallbacks.size() - 1; i >= 0; i--) {
      todo.push(fallbacks.get(i));
    }
  }
}
