package io.metaxy.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.store.WriteOptions;
import io.metaxy.ports.system.RebaseResult;
import io.metaxy.tck.MetadataStoreCompatibilityKit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Proves the new kit groups catch the faults they are about: each faulty store (the in-memory store
 * with one behaviour of the old stores put back) runs one kit group, and exactly the tests about
 * that behaviour fail. The faulty kits are nested classes, so surefire does not run them directly.
 */
class KitCatchesFaultsTest {
  /** Set only while this test runs a faulty kit, so no test runner runs them on their own. */
  static final String FAULTY = "metaxy.kit.faulty-stores";

  /** Names of the failed tests of the kit group {@code group} run against {@code kit}. */
  private static Set<String> failures(Class<?> kit, String group) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(
                selectNestedClass(
                    List.of(kit.getName()),
                    MetadataStoreCompatibilityKit.class.getName() + "$" + group))
            .build();
    Launcher launcher = LauncherFactory.create();
    System.setProperty(FAULTY, "true");
    Set<String> failed = new TreeSet<>();
    Set<String> run = new TreeSet<>();
    try {
      launcher.execute(
          request,
          new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
              if (id.isTest()) {
                String name = id.getDisplayName().replaceAll("\\(.*", "");
                run.add(name);
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                  failed.add(name);
                }
              }
            }
          });
    } finally {
      System.clearProperty(FAULTY);
    }
    assertThat(run).as("the group ran").isNotEmpty();
    return failed;
  }

  @Test
  void aStoreThatDropsTheCallersDeletedAtFailsTheWriteContract() {
    assertThat(failures(DropsDeletedAt.class, "WriteContract"))
        .containsExactly("aCallerGivenDeletedAtIsStoredAndMakesTheRowATombstone");
  }

  @Test
  void aStoreWhoseHardDeleteIgnoresTheFeatureVersionFailsTheHistoryGroup() {
    assertThat(failures(HardDeletesEveryVersion.class, "AppendOnlyHistory"))
        .containsExactly("hardDeleteByDefaultRemovesOnlyTheCurrentFeatureVersion");
  }

  @Test
  void aStoreThatReadsUnknownFilterColumnsAsNullFailsTheFilterGroup() {
    assertThat(failures(UnknownColumnsAreNull.class, "FilterColumns"))
        .contains(
            "aReadFilterOnAnUnknownColumnIsAnError",
            "aHardDeleteWithAnUnknownColumnDeletesNothing");
  }

  @Test
  void aStoreThatRebasesRootsFailsTheReferenceScenarios() {
    assertThat(failures(RebasesRoots.class, "ReferenceScenarios"))
        .containsExactly("rebaseRefusesRootFeatures");
  }

  // ------------------------------------------------------------ faulty stores

  /** Old in-memory/Ebean behaviour: a caller's metaxy_deleted_at is forced to null. */
  @EnabledIfSystemProperty(named = FAULTY, matches = "true")
  static class DropsDeletedAt extends MetadataStoreCompatibilityKit {
    @Override
    protected MetadataStore createStore(StoreSettings settings) {
      return new ForwardingStore(new InMemoryMetadataStore(settings)) {
        @Override
        public long write(FeatureKey feature, List<Row> rows, WriteOptions options) {
          return delegate.write(
              feature,
              rows.stream().map(r -> r.without(SystemColumns.DELETED_AT)).toList(),
              options);
        }
      };
    }
  }

  /** Old behaviour: a hard delete removes rows of every feature version. */
  @EnabledIfSystemProperty(named = FAULTY, matches = "true")
  static class HardDeletesEveryVersion extends MetadataStoreCompatibilityKit {
    @Override
    protected MetadataStore createStore(StoreSettings settings) {
      return new HardDeleteAll(new InMemoryMetadataStore(settings));
    }

    static final class HardDeleteAll extends ForwardingStore {
      HardDeleteAll(MetadataStore delegate) {
        super(delegate);
      }

      @Override
      public MetadataStore withGraph(io.metaxy.domain.graph.FeatureGraph graph) {
        return new HardDeleteAll(delegate.withGraph(graph));
      }

      @Override
      public long delete(FeatureKey feature, DeleteOptions options) {
        return delegate.delete(feature, options.hard() ? options.withFeatureHistory() : options);
      }
    }
  }

  /** Old behaviour: a filter on a missing column reads NULL (here: matches every row). */
  @EnabledIfSystemProperty(named = FAULTY, matches = "true")
  static class UnknownColumnsAreNull extends MetadataStoreCompatibilityKit {
    @Override
    protected MetadataStore createStore(StoreSettings settings) {
      return new ForwardingStore(new InMemoryMetadataStore(settings)) {
        @Override
        public Stream<Row> read(FeatureKey feature, ReadOptions options) {
          try {
            return delegate.read(feature, options).toList().stream();
          } catch (MetaxyException e) {
            if (e.errorCode() != ErrorCode.INVALID_FILTER) {
              throw e;
            }
            return Stream.empty();
          }
        }

        @Override
        public long delete(FeatureKey feature, DeleteOptions options) {
          try {
            return delegate.delete(feature, options);
          } catch (MetaxyException e) {
            if (e.errorCode() != ErrorCode.INVALID_FILTER) {
              throw e;
            }
            return delegate.delete(feature, new DeleteOptions(List.of(), options.hard(), true));
          }
        }
      };
    }
  }

  /** Old in-memory behaviour: a root feature is rebased (its stored provenance kept). */
  @EnabledIfSystemProperty(named = FAULTY, matches = "true")
  static class RebasesRoots extends MetadataStoreCompatibilityKit {
    @Override
    protected MetadataStore createStore(StoreSettings settings) {
      return new ForwardingStore(new InMemoryMetadataStore(settings)) {
        @Override
        public RebaseResult rebase(FeatureKey feature, String from, String to, String id) {
          if (graph().get(feature).isRoot()) {
            return new RebaseResult(id, feature.toString(), 0, false);
          }
          return delegate.rebase(feature, from, to, id);
        }
      };
    }
  }
}
