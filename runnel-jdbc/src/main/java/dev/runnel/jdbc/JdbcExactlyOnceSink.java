package dev.runnel.jdbc;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.connector.Committer;
import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;
import java.util.List;
import java.util.Objects;

/**
 * Appends each record as one row with {@code INSERT}, exactly once in a job with checkpoints: the
 * rows written between two checkpoints are one PostgreSQL transaction, prepared ({@code PREPARE
 * TRANSACTION}) at the barrier and committed ({@code COMMIT PREPARED}) when the checkpoint
 * completes, so the table holds exactly the rows up to the last completed checkpoint, also across
 * failures and restores.
 *
 * <pre>{@code
 * orders.sinkTo(JdbcExactlyOnceSink.<Order>builder(db)
 *     .sinkId("order-archive")
 *     .table("orders").columns("order_id", "amount")
 *     .binder((st, o) -> { st.setString(1, o.id()); st.setBigDecimal(2, o.amount()); })
 *     .build());
 * }</pre>
 *
 * <p><b>The protocol</b>, the file sink's two phases with a transaction in place of a file:
 *
 * <ol>
 *   <li>Each writer holds one connection with auto-commit off and adds its records to the open
 *       transaction, in batches of {@code batchSize} statements.
 *   <li>At a checkpoint barrier (and at the end of the input) a writer that wrote anything since
 *       the last barrier runs {@code PREPARE TRANSACTION 'runnel-<sink id>-<subtask>-<checkpoint>'}
 *       and hands that gid over; the prepared transaction survives the writer, its connection and
 *       even a restart of PostgreSQL, but its rows stay invisible. A writer that wrote nothing
 *       prepares nothing.
 *   <li>When the checkpoint is complete, the committer runs {@code COMMIT PREPARED} for each gid.
 *       A gid that is no longer prepared was committed before and is skipped, so commits may be
 *       repeated.
 *   <li>Before a job starts, the committer's {@code recover} commits the gids of the checkpoint it
 *       restores from, then rolls back every other prepared transaction of this sink id ({@code
 *       SELECT gid FROM pg_prepared_xacts}): they belong to checkpoints that never completed, or
 *       to an earlier run on a fresh start, and their records will be written again.
 * </ol>
 *
 * <p><b>The sink id</b> ({@link Builder#sinkId}) names the sink's transactions. It must be the same
 * across restarts of a job and unique among all exactly-once sinks writing to the database: a job
 * whose id is another's would roll back that job's prepared transactions when it recovers. The
 * job's name is a good id; a job with two such sinks needs two ids. Two runs of one job must not
 * write at the same time.
 *
 * <p><b>PostgreSQL's side.</b> {@code max_prepared_transactions} must be at least the sink's
 * parallelism times the checkpoints that can be pending at once (two is plenty per subtask); the
 * default, 0, turns prepared transactions off, and writers then fail at once saying so. A prepared
 * transaction holds its locks and keeps VACUUM from removing rows older than it until it is
 * committed or rolled back, so a job that is given up for good should have its leftovers removed:
 * start it once more and let it recover, or run {@code ROLLBACK PREPARED 'gid'} for each {@code
 * runnel-<sink id>-…} gid in {@code pg_prepared_xacts}.
 *
 * <p><b>Without checkpoints</b> there is no barrier to prepare at: each batch is committed as it is
 * executed, and the last at the end of the input; a failed job leaves the batches committed so far.
 *
 * <p>{@link #isBlocking()} is true: writers run on threads of their own; the committer runs on the
 * job's checkpoint thread.
 *
 * @param <T> record type
 */
@Public
public final class JdbcExactlyOnceSink<T> implements Sink<T> {
  private final JdbcConnectionOptions connection;
  private final String sinkId;
  private final InsertStatement statement;
  private final JdbcStatementBinder<? super T> binder;
  private final int batchSize;

  private JdbcExactlyOnceSink(Builder<T> builder) {
    this.connection = Objects.requireNonNull(builder.connection, "connection");
    this.sinkId = TransactionIds.checkSinkId(builder.sinkId);
    this.statement = new InsertStatement(builder.table, builder.columns);
    this.binder = Objects.requireNonNull(builder.binder, "binder");
    this.batchSize = builder.batchSize;
  }

  /** A builder of an exactly-once append sink connecting with {@code connection}. */
  public static <T> Builder<T> builder(JdbcConnectionOptions connection) {
    return new Builder<>(connection);
  }

  /**
   * The writer of the context's subtask; with checkpoints it checks that PostgreSQL allows
   * prepared transactions.
   */
  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    return new ExactlyOnceSinkWriter<>(connection, sinkId, context.subtaskIndex(),
        context.isCheckpointingEnabled(), statement, binder, batchSize);
  }

  /** Commits prepared transactions by gid and recovers the sink's leftovers (class comment). */
  @Override
  public Committer<String> createCommitter() {
    return new PreparedTransactionCommitter(connection, sinkId);
  }

  /** True: writers wait on the database. */
  @Override
  public boolean isBlocking() {
    return true;
  }

  /** The id in this sink's transaction names. */
  public String sinkId() {
    return sinkId;
  }

  @Override
  public String toString() {
    return "JdbcExactlyOnceSink(" + sinkId + " into " + statement.table() + " at "
        + connection.describe() + ")";
  }

  /**
   * Configures a {@link JdbcExactlyOnceSink}: {@link #sinkId}, {@link #table}, {@link #columns}
   * and {@link #binder} are required; {@link #batchSize} defaults to 500.
   *
   * @param <T> record type
   */
  public static final class Builder<T> {
    private final JdbcConnectionOptions connection;
    private String sinkId;
    private String table;
    private List<String> columns;
    private JdbcStatementBinder<? super T> binder;
    private int batchSize = 500;

    private Builder(JdbcConnectionOptions connection) {
      this.connection = connection;
    }

    /** Names the sink's prepared transactions; see the sink's class comment. */
    public Builder<T> sinkId(String sinkId) {
      this.sinkId = sinkId;
      return this;
    }

    /** The table, optionally with its schema ({@code shop.orders}). */
    public Builder<T> table(String table) {
      this.table = table;
      return this;
    }

    /** The columns written, in the order of the binder's parameters. */
    public Builder<T> columns(String... columns) {
      this.columns = List.of(columns);
      return this;
    }

    /** Sets the insert's parameters from a record. */
    public Builder<T> binder(JdbcStatementBinder<? super T> binder) {
      this.binder = binder;
      return this;
    }

    /** Statements sent to PostgreSQL at once (at least 1); the transaction spans a checkpoint. */
    public Builder<T> batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * The sink.
     *
     * @throws IllegalArgumentException if the sink id or a name is malformed, or something
     *     required is missing
     */
    public JdbcExactlyOnceSink<T> build() {
      return new JdbcExactlyOnceSink<>(this);
    }
  }
}
