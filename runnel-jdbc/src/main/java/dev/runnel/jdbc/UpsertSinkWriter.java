package dev.runnel.jdbc;

import dev.runnel.api.OperatorException;
import dev.runnel.api.RunnelException;
import dev.runnel.api.connector.SinkWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The writer of one {@link JdbcUpsertSink} subtask: one connection, one prepared upsert, a batch
 * executed and committed when full, at each barrier and at the end. Not thread-safe.
 *
 * @param <T> record type
 */
final class UpsertSinkWriter<T> implements SinkWriter<T> {
  private final JdbcConnectionOptions options;
  private final String table;
  private final JdbcStatementBinder<? super T> binder;
  private final int batchSize;
  private final Connection connection;
  private final PreparedStatement statement;
  /** Records added to the batch and not yet executed. */
  private int batched;
  /**
   * Why a batch was lost, or null. Once set, every call fails: a failed flush at a barrier only
   * declines that checkpoint, and the job would go on without the batch's records unless it fails
   * and restores.
   */
  private RunnelException lost;

  UpsertSinkWriter(JdbcConnectionOptions options, String table, String sql,
      JdbcStatementBinder<? super T> binder, int batchSize) {
    this.options = options;
    this.table = table;
    this.binder = binder;
    this.batchSize = batchSize;
    try {
      this.connection = options.connect();
    } catch (SQLException e) {
      throw new RunnelException("cannot connect to " + options.describe() + " to write table "
          + table + ": " + SqlErrors.describe(e), e);
    }
    try {
      connection.setAutoCommit(false);
      this.statement = connection.prepareStatement(sql);
    } catch (SQLException e) {
      closeQuietly();
      throw new RunnelException("cannot prepare the upsert into " + table + " (" + sql + "): "
          + SqlErrors.describe(e), e);
    }
  }

  @Override
  public void write(T record) {
    checkNotLost();
    try {
      binder.bind(statement, record);
      statement.addBatch();
    } catch (SQLException e) {
      throw new RunnelException("cannot bind a record for table " + table + ": "
          + SqlErrors.describe(e) + "; record: " + OperatorException.describe(record), e);
    }
    if (++batched >= batchSize) {
      flush();
    }
  }

  /** Executes and commits the batch: at a barrier everything before it must be in the table. */
  @Override
  public List<?> prepareCommit(long checkpointId) {
    flush();
    return List.of();
  }

  @Override
  public void finish() {
    flush();
  }

  /** Rolls back a batch not yet flushed (its records are replayed after a restore) and closes. */
  @Override
  public void close() {
    closeQuietly();
  }

  private void flush() {
    checkNotLost();
    if (batched == 0) {
      return;
    }
    int size = batched;
    try {
      statement.executeBatch();
      connection.commit();
      batched = 0;
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      lost = new RunnelException("cannot upsert a batch of " + size + " rows into " + table
          + " at " + options.describe() + ": " + SqlErrors.describe(e), e);
      throw lost;
    }
  }

  private void checkNotLost() {
    if (lost != null) {
      throw new RunnelException("a batch for table " + table + " was lost (" + lost.getMessage()
          + "); failing so that the job restores from its last checkpoint and writes it again",
          lost);
    }
  }

  private void closeQuietly() {
    try {
      connection.close(); // an open transaction is rolled back by the server
    } catch (SQLException e) {
      // The connection is gone either way; nothing that was not committed counts.
    }
  }
}
