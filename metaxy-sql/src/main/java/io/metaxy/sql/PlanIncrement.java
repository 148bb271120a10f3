package io.metaxy.sql;

import io.metaxy.domain.row.Row;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of a {@link ResolvePlan} as lazy cursors on one connection, closed with it. Where the
 * plan has a single-pass statement (all three kinds in one FULL JOIN, ordered by kind), streams
 * taken in the natural order new → stale → orphaned share its one cursor (a later stream skips the
 * unread rows of earlier kinds); a stream taken out of order or twice runs its own per-kind query.
 * The store supplies the connection and its clean-up through a {@link Session}; the store's
 * increment delegates its three streams and {@code close()} here.
 */
public final class PlanIncrement implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PlanIncrement.class);

  /** What a store provides to run a plan: its connection, fetch size, errors and clean-up. */
  public interface Session {
    /** A jOOQ context on the resolve's connection. */
    DSLContext dsl();

    /** Rows fetched per round trip. */
    int fetchSize();

    /** The store's error for a failed resolve statement. */
    RuntimeException failure(Exception e);

    /** Releases the connection (and drops staging tables); called once, by {@link #close()}. */
    void release();
  }

  private final Session session;
  private final ResolvePlan plan;
  private final ResolvePlan.SinglePass single;
  private final RowMapper.Plan[] mappers; // per kind, compiled on first use

  private RowMapper.Plan mapper(int kind) {
    if (mappers[kind] == null) {
      mappers[kind] =
          RowMapper.Plan.of(
              single.names().get(kind).toArray(String[]::new), single.positions().get(kind), null);
    }
    return mappers[kind];
  }

  private final List<Stream<Row>> open = new ArrayList<>();

  /** Temporary tables holding the expected and current rows (see {@link #stageSides()}). */
  private final List<Name> staged = new ArrayList<>();

  private boolean sidesStaged;
  private boolean closed;

  /** The single-pass cursor, opened by the first stream served from it. */
  private ResultSet shared;

  /** True when the shared result set stands on an unread row of a later kind. */
  private boolean onPending;

  /** The lowest kind the shared cursor can still serve. */
  private int nextKind;

  /** The highest kind whose stream has started reading the shared cursor (-1: none). */
  private int reading = -1;

  /** The increment of {@code plan}, run on {@code session}'s connection. */
  public PlanIncrement(ResolvePlan plan, Session session) {
    this.session = session;
    this.plan = plan;
    this.single = plan.singlePass();
    this.mappers = single == null ? null : new RowMapper.Plan[single.positions().size()];
  }

  private Stream<Row> run(Select<Record> q) {
    if (closed) {
      throw new IllegalStateException("increment is closed");
    }
    if (q == null) {
      return Stream.empty();
    }
    try {
      q.attach(session.dsl().configuration());
      ResultSet rs = ((ResultQuery<Record>) q).fetchSize(session.fetchSize()).fetchResultSet();
      java.sql.ResultSetMetaData md = rs.getMetaData();
      String[] names = new String[md.getColumnCount()];
      int[] positions = new int[names.length];
      for (int i = 0; i < names.length; i++) {
        names[i] = md.getColumnLabel(i + 1);
        positions[i] = i;
      }
      RowMapper.Plan mapping = RowMapper.Plan.of(names, positions, null);
      Spliterator<Row> rows =
          new Spliterators.AbstractSpliterator<>(
              Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super Row> action) {
              try {
                if (!rs.next()) {
                  return false;
                }
                action.accept(mapping.toRow(rs));
                return true;
              } catch (SQLException e) {
                throw session.failure(e);
              }
            }
          };
      Stream<Row> s =
          StreamSupport.stream(rows, false)
              .onClose(
                  () -> {
                    try {
                      rs.close();
                    } catch (SQLException e) {
                      LOG.debug("closing a resolve result set failed", e);
                    }
                  });
      open.add(s);
      return s;
    } catch (SQLException | RuntimeException e) {
      throw session.failure(e);
    }
  }

  /**
   * Once, before the first per-kind statement where the dialect asks for it: the expected and
   * current rows into indexed temporary tables, which the three statements then join. Without an
   * index on the key (e.g. a text ID column) the plan stays as it was.
   */
  private void stageSides() {
    if (sidesStaged) {
      return;
    }
    sidesStaged = true;
    if (single != null
        || !plan.context().sql().stagesResolveSides()
        || plan.expected() == null
        || plan.current() == null) {
      return;
    }
    DSLContext dsl = session.dsl();
    try {
      Table<Record> e = stage(dsl, plan.expected(), "e");
      Table<Record> c = stage(dsl, plan.current(), "c");
      plan.useStagedSides(e, c);
    } catch (RuntimeException ex) {
      LOG.debug("resolve: staging the expected and current rows failed; joining them unstaged", ex);
      dropStaged();
    }
  }

  private Table<Record> stage(DSLContext dsl, Table<Record> side, String alias) {
    Name t = DSL.name("mx_resolve_" + alias + "_" + UUID.randomUUID().toString().substring(0, 8));
    List<Field<?>> keys = new ArrayList<>();
    for (String k : plan.keyColumns()) {
      keys.add(DSL.field(DSL.name(k)));
    }
    // the index declared with the table, filled as the rows arrive; the default engine (InnoDB:
    // Aria probed its index several times slower); private to this connection, dropped on close
    dsl.execute(
        "create temporary table {0} (index {1} ({2})) as {3}",
        t, DSL.name("mx_key"), DSL.list(keys), DSL.select(side.fields()).from(side));
    staged.add(t);
    return DSL.table(t).as(alias);
  }

  private void dropStaged() {
    for (Name t : staged) {
      try {
        session.dsl().execute("drop temporary table if exists " + session.dsl().render(t));
      } catch (RuntimeException e) {
        LOG.debug("dropping the resolve's staging table {} failed", t, e);
      }
    }
    staged.clear();
  }

  private Select<Record> perKind(int kind) {
    return switch (kind) {
      case ResolvePlan.NEW -> plan.newRows();
      case ResolvePlan.STALE -> plan.staleRows();
      default -> plan.orphanedRows();
    };
  }

  private Stream<Row> serve(int kind) {
    if (closed) {
      throw new IllegalStateException("increment is closed");
    }
    if (single == null || kind < nextKind) {
      stageSides();
      return run(perKind(kind));
    }
    nextKind = kind + 1;
    if (shared == null) {
      try {
        Select<Record> q = single.query();
        q.attach(session.dsl().configuration());
        // read by position per kind from the JDBC result set: only the kind's own columns, no
        // per-record conversion of the other kinds' (null) columns
        shared = ((ResultQuery<Record>) q).fetchSize(session.fetchSize()).fetchResultSet();
        LOG.debug("resolve: one statement for new, stale and orphaned rows");
      } catch (RuntimeException e) {
        throw session.failure(e);
      }
    }
    KindReader reader = new KindReader(kind);
    Stream<Row> s = StreamSupport.stream(reader, false).onClose(reader::close);
    open.add(s);
    return s;
  }

  /** The rows of one kind from the shared cursor, or from its per-kind query once superseded. */
  private final class KindReader extends Spliterators.AbstractSpliterator<Row> {
    private final int kind;
    private boolean started;
    private boolean finished;
    private Stream<Row> fallback;
    private Spliterator<Row> fallbackRows;

    KindReader(int kind) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.kind = kind;
    }

    @Override
    public boolean tryAdvance(Consumer<? super Row> action) {
      if (fallbackRows != null) {
        return fallbackRows.tryAdvance(action);
      }
      if (finished) {
        return false;
      }
      if (closed) {
        throw new IllegalStateException("increment is closed");
      }
      if (reading > kind) {
        if (started) {
          throw new IllegalStateException(
              "A later stream of this increment has been read past the unread rest of this"
                  + " one: read the streams one after another (new, stale, orphaned).");
        }
        // a later stream skipped this kind's rows before this stream started: query them
        fallback = run(perKind(kind));
        fallbackRows = fallback.spliterator();
        return fallbackRows.tryAdvance(action);
      }
      started = true;
      reading = kind;
      try {
        while (true) {
          if (!onPending && !shared.next()) {
            finished = true;
            return false;
          }
          onPending = false;
          int k = shared.getInt(1);
          if (k < kind) {
            continue; // unread row of an earlier kind
          }
          if (k > kind) {
            onPending = true; // the result set stays on this row for the later kind
            finished = true;
            return false;
          }
          action.accept(mapper(k).toRow(shared));
          return true;
        }
      } catch (SQLException e) {
        throw session.failure(e);
      }
    }

    void close() {
      finished = true;
      if (fallback != null) {
        fallback.close();
      }
    }
  }

  /** The new rows. */
  public Stream<Row> newRows() {
    return serve(ResolvePlan.NEW);
  }

  /** The stale rows. */
  public Stream<Row> staleRows() {
    return serve(ResolvePlan.STALE);
  }

  /** The orphaned rows. */
  public Stream<Row> orphanedRows() {
    return serve(ResolvePlan.ORPHANED);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Stream<Row> s : open) {
      s.close();
    }
    if (shared != null) {
      try {
        shared.close();
      } catch (SQLException e) {
        LOG.debug("closing the resolve result set failed", e);
      }
    }
    dropStaged();
    session.release();
  }
}
