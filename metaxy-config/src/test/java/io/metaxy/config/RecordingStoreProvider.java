package io.metaxy.config;

import io.metaxy.ports.spi.MetadataStoreProvider;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test provider of type {@code recording}: creates proxy stores that remember the settings and
 * config they were created with and whether they are open. Migrations-first: without {@code
 * auto_create_tables} its stores get {@code false}.
 */
public final class RecordingStoreProvider implements MetadataStoreProvider {
  /** Every store created, in order. */
  public static final List<Created> CREATED = new ArrayList<>();

  /** One created store. */
  public static final class Created {
    public final StoreSettings settings;
    public final Map<String, Object> config;
    public boolean open;
    public boolean closed;
    public MetadataStore store;

    Created(StoreSettings settings, Map<String, Object> config) {
      this.settings = settings;
      this.config = config;
    }
  }

  @Override
  public String type() {
    return "recording";
  }

  /** Declared keys: a misspelled one is reported with the file's other problems. */
  @Override
  public java.util.Optional<java.util.Set<String>> configKeys() {
    return java.util.Optional.of(java.util.Set.of("url", "user", "path"));
  }

  /** A migrations-first store kind, like {@code ebean}. */
  @Override
  public boolean autoCreateTablesByDefault() {
    return false;
  }

  @Override
  public MetadataStore create(StoreSettings settings, Map<String, Object> config) {
    Created c = new Created(settings, config);
    c.store =
        (MetadataStore)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {MetadataStore.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "open" -> {
                        c.open = true;
                        yield proxy;
                      }
                      case "isOpen" -> c.open;
                      case "close" -> {
                        c.closed = true;
                        c.open = false;
                        yield null;
                      }
                      case "settings" -> settings;
                      case "graph" -> settings.graph();
                      case "toString" -> "RecordingStore";
                      case "hashCode" -> System.identityHashCode(proxy);
                      case "equals" -> proxy == args[0];
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    CREATED.add(c);
    return c.store;
  }
}
