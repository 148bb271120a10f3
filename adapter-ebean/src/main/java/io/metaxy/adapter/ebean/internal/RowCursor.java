package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Calendar;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;

/** Queries streamed as rows from a cursor on their own connection. */
public final class RowCursor {
  private RowCursor() {}

  /**
   * Streams the rows of a query on its own connection; internal columns ({@code metaxy_row_id},
   * {@code metaxy_write_seq}, {@code mx_rn}) are dropped ({@code mx_rn} always, the others unless
   * {@code keepRowId}). The connection is released when the stream is exhausted or closed.
   */
  public static Stream<Row> stream(DataSource ds, Jdbc.Query query, boolean keepRowId) {
    return stream(ds, UnaryOperator.identity(), query, keepRowId);
  }

  /**
   * {@link #stream(DataSource, Jdbc.Query, boolean)} without internal columns, each column named by
   * {@code names} (a physical column to its row column).
   */
  public static Stream<Row> stream(DataSource ds, UnaryOperator<String> names, Jdbc.Query query) {
    return stream(ds, names, query, false);
  }

  private static Stream<Row> stream(
      DataSource ds, UnaryOperator<String> names, Jdbc.Query query, boolean keepRowId) {
    Connection c = null;
    try {
      c = ds.getConnection();
      c.setAutoCommit(false);
      PreparedStatement ps = query.prepare(c);
      if (ps.getMaxRows() == 0) {
        ps.setFetchSize(500);
      }
      ResultSet rs = ps.executeQuery();
      RowIterator it = new RowIterator(c, ps, rs, keepRowId, names);
      return StreamSupport.stream(
              Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
              false)
          .onClose(it::close);
    } catch (SQLException e) {
      Jdbc.closeQuietly(c);
      throw Jdbc.failure("query", e);
    }
  }

  /** Runs a query and collects its rows (small results). */
  public static List<Row> list(DataSource ds, Jdbc.Query query) {
    try (Stream<Row> s = stream(ds, query, false)) {
      return s.toList();
    }
  }

  private static final class RowIterator implements Iterator<Row> {
    private final Connection c;
    private final PreparedStatement ps;
    private final ResultSet rs;
    private final String[] labels;
    private final int[] types;
    private final boolean[] keep;
    private final boolean[] perFieldMap;
    private final Calendar utc = Calendar.getInstance(JdbcValues.UTC);
    private Row next;
    private boolean done;

    RowIterator(
        Connection c,
        PreparedStatement ps,
        ResultSet rs,
        boolean keepRowId,
        UnaryOperator<String> names)
        throws SQLException {
      this.c = c;
      this.ps = ps;
      this.rs = rs;
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      labels = new String[n];
      types = new int[n];
      keep = new boolean[n];
      perFieldMap = new boolean[n];
      for (int i = 0; i < n; i++) {
        labels[i] = names.apply(JdbcValues.label(md, i + 1));
        types[i] = md.getColumnType(i + 1);
        keep[i] =
            !labels[i].equals(Jdbc.RN)
                && (keepRowId
                    || !(labels[i].equals(Jdbc.ROW_ID) || labels[i].equals(Jdbc.WRITE_SEQ)));
        perFieldMap[i] = labels[i].endsWith("_by_field") && SystemColumns.isReserved(labels[i]);
      }
    }

    @Override
    public boolean hasNext() {
      if (next != null) {
        return true;
      }
      if (done) {
        return false;
      }
      try {
        if (!rs.next()) {
          close();
          return false;
        }
        Row.Builder b = Row.builder();
        for (int i = 0; i < labels.length; i++) {
          if (keep[i]) {
            b.set(labels[i], JdbcValues.read(rs, i + 1, types[i], perFieldMap[i], utc));
          }
        }
        next = b.build();
        return true;
      } catch (SQLException e) {
        close();
        throw Jdbc.failure("read", e);
      }
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }

    void close() {
      if (done) {
        return;
      }
      done = true;
      try {
        rs.close();
        ps.close();
      } catch (SQLException ignored) {
        // releasing anyway
      }
      Jdbc.closeQuietly(c);
    }
  }
}
