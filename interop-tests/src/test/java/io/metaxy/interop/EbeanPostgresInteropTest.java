package io.metaxy.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.metaxy.adapter.ebean.EbeanMetadataStore;
import io.metaxy.adapter.ebean.EbeanStoreConfig;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.system.SnapshotSummary;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Ebean store (python layout, the default) and Python Metaxy 0.1.11 share one PostgreSQL
 * database. Python writes the first steps of the video scenario (md5, pushing its snapshot); the
 * Ebean store opened on that database then resolves the next step — after the audio code-version
 * bump, and after upstream data changes — with exactly the new, stale and orphaned samples and
 * provenance Python's own {@code resolve_update} yields at that step, and reads Python's push as
 * the graph's snapshot. The reverse holds too: the Ebean store writes the first steps and Python
 * resolves the next one exactly as it does on a database it wrote itself, on every feature,
 * including the one with two upstreams ({@code example/summary}: the python layout has no column
 * Python does not know, so Python 0.1.11 finds no column collision joining its upstreams).
 */
class EbeanPostgresInteropTest {
  static final String SERVER = "127.0.0.1:5432";
  static final String ADMIN_JDBC = "jdbc:postgresql://" + SERVER + "/test";
  static final String SUMMARY = "example/summary";

  private static PythonMetaxy python;
  private static Map<String, Object> pythonAlone;
  private static final Map<String, FeatureGraph> GRAPHS = new java.util.HashMap<>();
  private final List<String> databases = new ArrayList<>();
  private final List<MetadataStore> stores = new ArrayList<>();

  @BeforeAll
  static void environment() throws IOException {
    python = PythonMetaxy.require();
    try (Connection c = DriverManager.getConnection(ADMIN_JDBC, "postgres", "")) {
      c.isValid(2);
    } catch (SQLException e) {
      String msg = "PostgreSQL is not reachable at " + SERVER + " (" + e.getMessage() + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg + ": it is mandatory when CI=true.");
      }
      assumeTrue(false, msg + ": skipping.");
    }
  }

  @AfterEach
  void drop() throws SQLException {
    stores.forEach(MetadataStore::close);
    try (Connection c = DriverManager.getConnection(ADMIN_JDBC, "postgres", "");
        Statement st = c.createStatement()) {
      for (String db : databases) {
        st.execute("drop database if exists " + db + " with (force)");
      }
    }
  }

  private String freshDatabase() throws SQLException {
    String name =
        "mx_ebean_interop_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Connection c = DriverManager.getConnection(ADMIN_JDBC, "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("create database " + name);
    }
    databases.add(name);
    return name;
  }

  private static Map<String, Object> request(List<Map<String, Object>> steps) throws IOException {
    Map<String, Object> request = new LinkedHashMap<>(IncrementInteropTest.scenario("video"));
    request.put("hash", "md5");
    request.put("truncation", 8);
    request.put("steps", steps);
    return request;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps() throws IOException {
    List<Map<String, Object>> steps = new ArrayList<>();
    for (Map<String, Object> s :
        (List<Map<String, Object>>) IncrementInteropTest.scenario("video").get("steps")) {
      Map<String, Object> step = new LinkedHashMap<>(s);
      step.put("push", true);
      steps.add(step);
    }
    return steps;
  }

  /** Python's results for every step, on a database it writes alone. */
  @SuppressWarnings("unchecked")
  private List<Object> pythonAlone() throws Exception {
    if (pythonAlone == null) {
      Map<String, Object> r = request(steps());
      r.put("store", "postgres");
      r.put("postgres_url", "postgresql://postgres@" + SERVER + "/" + freshDatabase());
      pythonAlone = python.run("resolve_scenario.py", r);
    }
    return (List<Object>) pythonAlone.get("steps");
  }

  @SuppressWarnings("unchecked")
  private List<Object> python(String database, List<Map<String, Object>> steps) throws Exception {
    Map<String, Object> r = request(steps);
    r.put("store", "postgres");
    r.put("postgres_url", "postgresql://postgres@" + SERVER + "/" + database);
    return (List<Object>) python.run("resolve_scenario.py", r).get("steps");
  }

  /** The video graph Python defines for a step's arguments (cached: one Python run each). */
  private static FeatureGraph graph(Map<String, Object> args) {
    return GRAPHS.computeIfAbsent(
        args.toString(),
        k ->
            JavaScenario.graphOf(
                python.run(
                    "dump_versions.py", Map.of("case", "video", "args", args, "truncation", 8))));
  }

  private JavaScenario ebean(String database) {
    return new JavaScenario(
        EbeanPostgresInteropTest::graph,
        settings -> {
          EbeanMetadataStore s =
              new EbeanMetadataStore(
                  EbeanStoreConfig.builder()
                      .url("jdbc:postgresql://" + SERVER + "/" + database)
                      .user("postgres")
                      .password("")
                      .build(),
                  settings);
          stores.add(s);
          return s;
        });
  }

  @SuppressWarnings("unchecked")
  private static List<Object> run(JavaScenario java, List<Map<String, Object>> steps)
      throws IOException {
    return (List<Object>) java.run(request(steps)).get("steps");
  }

  private static int work(Object step) {
    @SuppressWarnings("unchecked")
    Map<String, Map<String, List<?>>> s = (Map<String, Map<String, List<?>>>) step;
    return s.values().stream().mapToInt(f -> f.values().stream().mapToInt(List::size).sum()).sum();
  }

  @Test
  void ebeanResolvesOnADatabasePythonWrote() throws Exception {
    List<Map<String, Object>> steps = steps();
    List<Object> expected = pythonAlone();
    assertThat(expected).hasSize(4);

    // Python writes the first run and the idle rerun; Ebean resolves the code-version bump
    String db = freshDatabase();
    python(db, steps.subList(0, 2));
    JavaScenario java = ebean(db);
    List<Object> bump = run(java, steps.subList(2, 3));
    assertThat(work(bump.get(0))).as("the bump recomputes audio-dependent samples").isPositive();
    assertThat(bump.get(0)).as("code-version bump").isEqualTo(expected.get(2));
    java.store().push(); // recorded once, whether or not the step already pushed
    List<SnapshotSummary> snapshots = java.store().snapshots();
    FeatureGraph before = graph(Map.of());
    assertThat(snapshots)
        .extracting(SnapshotSummary::snapshotVersion)
        .as("Python's push, read as Java's snapshot, then Ebean's own")
        .containsExactly(
            before.versions().snapshotVersion(), java.store().graph().versions().snapshotVersion());

    // Python writes up to the bump; Ebean resolves the upstream data changes
    String db2 = freshDatabase();
    python(db2, steps.subList(0, 3));
    List<Object> change = run(ebean(db2), steps.subList(3, 4));
    assertThat(work(change.get(0))).isPositive();
    assertThat(change.get(0)).as("upstream data changes").isEqualTo(expected.get(3));
  }

  /**
   * Python resolves the next step on a database the Ebean store wrote exactly as on its own, on
   * every feature, including {@code example/summary} with two upstreams (Python 0.1.11 refuses to
   * join two upstream tables that both carry a column it does not know; the python layout has
   * none).
   */
  @Test
  void pythonResolvesOnADatabaseEbeanWrote() throws Exception {
    List<Map<String, Object>> steps = steps();
    List<Object> expected = pythonAlone();

    String db = freshDatabase();
    JavaScenario java = ebean(db);
    List<Object> javaFirst = run(java, steps.subList(0, 2));
    assertThat(javaFirst).isEqualTo(expected.subList(0, 2));
    java.store().push(); // recorded once, whether or not the step already pushed
    List<Object> bump = python(db, List.of(steps.get(2)));
    assertThat(work(bump.get(0))).isPositive();
    @SuppressWarnings("unchecked")
    Map<String, Object> bumped = (Map<String, Object>) bump.get(0);
    assertThat(bumped).as("the two-upstream feature is resolved by Python").containsKey(SUMMARY);
    assertThat(bump.get(0)).as("code-version bump, resolved by Python").isEqualTo(expected.get(2));

    String db2 = freshDatabase();
    run(ebean(db2), steps.subList(0, 3));
    List<Object> change = python(db2, List.of(steps.get(3)));
    assertThat(work(change.get(0))).isPositive();
    assertThat(change.get(0))
        .as("upstream data changes, resolved by Python")
        .isEqualTo(expected.get(3));
  }
}
