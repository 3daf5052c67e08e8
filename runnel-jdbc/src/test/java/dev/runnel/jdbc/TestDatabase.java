package dev.runnel.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The real PostgreSQL the tests run against, and the tables of one test. The URL comes from the
 * system property {@code runnel.test.jdbc.url} or the environment variable {@code
 * RUNNEL_TEST_JDBC_URL}, else what {@code bin/runnel-postgres} sets up. Not reachable means the
 * test fails, saying how to start it: these tests must prove the connectors, never skip.
 */
final class TestDatabase implements AutoCloseable {
  static final String DEFAULT_URL =
      "jdbc:postgresql://127.0.0.1:5432/runnel_test?user=runnel&password=runnel";

  private final JdbcConnectionOptions options;
  private final List<String> tables = new ArrayList<>();
  private final List<String> sinkIds = new ArrayList<>();

  TestDatabase() {
    String url = System.getProperty("runnel.test.jdbc.url", System.getenv("RUNNEL_TEST_JDBC_URL"));
    this.options = JdbcConnectionOptions.of(url == null || url.isBlank() ? DEFAULT_URL : url);
    try (Connection c = options.connect()) {
      c.isValid(5);
    } catch (SQLException e) {
      throw new AssertionError("runnel-jdbc's tests need a real PostgreSQL, and none answers at "
          + options.describe() + " (" + e.getMessage() + "). Start one with `bin/runnel-postgres`"
          + " (as root: installs Debian's postgresql package if missing, starts it, creates the"
          + " runnel role and runnel_test database), or point RUNNEL_TEST_JDBC_URL at another.", e);
    }
  }

  JdbcConnectionOptions options() {
    return options;
  }

  /** A fresh table name of this test, dropped by {@link #close}. */
  String newTable(String prefix) {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    tables.add(name.toLowerCase(Locale.ROOT));
    return name;
  }

  /**
   * A sink id no other test run uses, so recoveries of parallel runs do not meet; its prepared
   * transactions are rolled back by {@link #close}.
   */
  String newSinkId(String prefix) {
    String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    sinkIds.add(id);
    return id;
  }

  /** Rolls back the prepared transactions of {@code sinkId} too, in {@link #close}. */
  void newSinkIdCleanup(String sinkId) {
    sinkIds.add(sinkId);
  }

  void execute(String sql) {
    try (Connection c = options.connect(); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError("cannot run " + sql + ": " + e.getMessage(), e);
    }
  }

  long queryLong(String sql) {
    List<List<Object>> rows = query(sql);
    return ((Number) rows.get(0).get(0)).longValue();
  }

  /** Every row of {@code sql}, each as its column values. */
  List<List<Object>> query(String sql) {
    try (Connection c = options.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new AssertionError("cannot run " + sql + ": " + e.getMessage(), e);
    }
  }

  /** The gids of prepared transactions of sink {@code sinkId}. */
  List<String> preparedGids(String sinkId) {
    List<String> gids = new ArrayList<>();
    for (List<Object> row : query("SELECT gid FROM pg_prepared_xacts ORDER BY gid")) {
      String gid = (String) row.get(0);
      if (TransactionIds.belongsTo(gid, sinkId)) {
        gids.add(gid);
      }
    }
    return gids;
  }

  /**
   * Rolls back what a failed test left prepared (it would hold its table's locks, and DROP TABLE
   * would wait for ever), then drops the test's tables.
   */
  @Override
  public void close() {
    for (String sinkId : sinkIds) {
      for (String gid : preparedGids(sinkId)) {
        execute("ROLLBACK PREPARED '" + gid + "'");
      }
    }
    for (String table : tables) {
      execute("DROP TABLE IF EXISTS " + table);
    }
  }
}
