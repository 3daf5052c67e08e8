package dev.runnel.jdbc;

import dev.runnel.api.OperatorException;
import dev.runnel.api.RunnelException;
import dev.runnel.api.connector.SinkWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of one {@link JdbcExactlyOnceSink} subtask: one connection, one transaction per
 * checkpoint, prepared at the barrier (see the sink's class comment). Not thread-safe.
 *
 * <p>It runs {@code PREPARE TRANSACTION} itself rather than going through pgjdbc's XA classes:
 * XA adds a state machine (start, end, prepare on an {@code Xid}) and encodes the {@code Xid} into
 * an unreadable gid, and all it would do here is send the same statement; a readable gid is what
 * an operator needs to find a leftover in {@code pg_prepared_xacts}.
 *
 * @param <T> record type
 */
final class ExactlyOnceSinkWriter<T> implements SinkWriter<T> {
  private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceSinkWriter.class);

  private final JdbcConnectionOptions options;
  private final String sinkId;
  private final int subtask;
  private final boolean checkpointing;
  private final String table;
  private final JdbcStatementBinder<? super T> binder;
  private final int batchSize;
  private final Connection connection;
  private final PreparedStatement insert;
  /** Statements added to the JDBC batch and not yet executed. */
  private int batched;
  /** Whether the open transaction holds any row (so there is something to prepare). */
  private boolean written;
  /**
   * Why the open transaction was lost, or null. Once set, every call fails: the runtime treats a
   * failed {@link #prepareCommit} as a declined checkpoint and goes on, and the rows of the lost
   * transaction would never be written again unless the job fails and restores.
   */
  private RunnelException lost;

  ExactlyOnceSinkWriter(JdbcConnectionOptions options, String sinkId, int subtask,
      boolean checkpointing, InsertStatement statement, JdbcStatementBinder<? super T> binder,
      int batchSize) {
    this.options = options;
    this.sinkId = sinkId;
    this.subtask = subtask;
    this.checkpointing = checkpointing;
    this.table = statement.table();
    this.binder = binder;
    this.batchSize = batchSize;
    try {
      this.connection = options.connect();
    } catch (SQLException e) {
      throw new RunnelException("sink " + sinkId + ": cannot connect to " + options.describe()
          + ": " + SqlErrors.describe(e), e);
    }
    try {
      if (checkpointing) {
        checkPreparedTransactionsAllowed();
      }
      connection.setAutoCommit(false);
      this.insert = connection.prepareStatement(statement.insert());
    } catch (SQLException e) {
      closeQuietly();
      throw new RunnelException("sink " + sinkId + ": cannot prepare the insert into " + table
          + ": " + SqlErrors.describe(e), e);
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /** Fails now, with the fix, rather than at the first barrier with PostgreSQL's terse error. */
  private void checkPreparedTransactionsAllowed() throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SHOW max_prepared_transactions")) {
      rs.next();
      if (Integer.parseInt(rs.getString(1)) <= 0) {
        throw new RunnelException("sink " + sinkId + ": PostgreSQL at " + options.describe()
            + " has max_prepared_transactions = 0, which turns off the prepared transactions the"
            + " exactly-once sink commits through; set it above the sink's parallelism in"
            + " postgresql.conf and restart PostgreSQL (bin/runnel-postgres does this for tests)");
      }
    }
  }

  @Override
  public void write(T record) {
    checkNotLost();
    try {
      binder.bind(insert, record);
      insert.addBatch();
    } catch (SQLException e) {
      throw new RunnelException("sink " + sinkId + ": cannot bind a record for table " + table
          + ": " + SqlErrors.describe(e) + "; record: " + OperatorException.describe(record), e);
    }
    written = true;
    if (++batched >= batchSize) {
      executeBatch();
      if (!checkpointing) {
        commit();
      }
    }
  }

  /**
   * Prepares the open transaction under the gid of this subtask and checkpoint, and returns that
   * gid; nothing if no row was written since the last barrier.
   */
  @Override
  public List<String> prepareCommit(long checkpointId) {
    checkNotLost();
    if (!written) {
      return List.of();
    }
    executeBatch();
    String gid = TransactionIds.gid(sinkId, subtask, checkpointId);
    try (Statement st = connection.createStatement()) {
      // The gid holds only checked characters (TransactionIds), so it is safe as a literal;
      // PREPARE TRANSACTION takes no parameters.
      st.execute("PREPARE TRANSACTION '" + gid + "'");
    } catch (SQLException e) {
      rollbackQuietly(e);
      throw lose(new RunnelException("sink " + sinkId + ": cannot prepare transaction " + gid
          + " for checkpoint " + checkpointId + " at " + options.describe() + ": "
          + SqlErrors.describe(e), e));
    }
    written = false;
    LOG.debug("sink {}: prepared {}", sinkId, gid);
    return List.of(gid);
  }

  /** Without checkpoints, commits the last rows; with them, the final barrier prepares them. */
  @Override
  public void finish() {
    checkNotLost();
    if (!checkpointing && written) {
      executeBatch();
      commit();
    }
  }

  /**
   * Closes the connection, which rolls back a transaction not yet prepared (its records are
   * replayed after a restore). Prepared transactions outlive it, for the committer.
   */
  @Override
  public void close() {
    closeQuietly();
  }

  private void executeBatch() {
    if (batched == 0) {
      return;
    }
    int size = batched;
    try {
      insert.executeBatch();
      batched = 0;
    } catch (SQLException e) {
      rollbackQuietly(e);
      throw lose(new RunnelException("sink " + sinkId + ": cannot insert a batch of " + size
          + " rows into " + table + " at " + options.describe() + ": " + SqlErrors.describe(e),
          e));
    }
  }

  private RunnelException lose(RunnelException cause) {
    lost = cause;
    return cause;
  }

  private void checkNotLost() {
    if (lost != null) {
      throw new RunnelException("sink " + sinkId + ": the transaction of subtask " + subtask
          + " was lost (" + lost.getMessage() + "); failing so that the job restores from its"
          + " last checkpoint and writes those rows again", lost);
    }
  }

  private void commit() {
    try {
      connection.commit();
      written = false;
    } catch (SQLException e) {
      throw new RunnelException("sink " + sinkId + ": cannot commit rows into " + table + ": "
          + SqlErrors.describe(e), e);
    }
  }

  private void rollbackQuietly(SQLException cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private void closeQuietly() {
    try {
      connection.close();
    } catch (SQLException e) {
      // The server rolls back what was not prepared either way.
    }
  }
}
