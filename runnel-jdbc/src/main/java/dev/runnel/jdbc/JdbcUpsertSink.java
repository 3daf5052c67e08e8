package dev.runnel.jdbc;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.connector.Committer;
import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;
import java.util.List;
import java.util.Objects;

/**
 * Writes each record as one row with {@code INSERT … ON CONFLICT (key) DO UPDATE}, in batches: a
 * row whose key is already in the table is overwritten with the record's values. Writing a record
 * twice leaves the table as writing it once, so replaying records after a restore (at-least-once
 * delivery) gives exactly-once results for keyed rows.
 *
 * <pre>{@code
 * totals.sinkTo(JdbcUpsertSink.<Total>builder(db)
 *     .table("customer_totals").columns("customer_id", "total").keyColumns("customer_id")
 *     .binder((st, t) -> { st.setString(1, t.customerId()); st.setBigDecimal(2, t.total()); })
 *     .build());
 * }</pre>
 *
 * <p><b>Batches and transactions.</b> Each writer holds one connection and collects records into a
 * JDBC batch; a batch is executed and committed, in one transaction, when it holds {@code
 * batchSize} records, at each checkpoint barrier, and at the end of the input. So with
 * checkpointing every record before a barrier is in the table before the checkpoint can complete,
 * which is what makes replay from that checkpoint enough. (The runtime tells a writer about
 * barriers only through {@link SinkWriter#prepareCommit}, which it calls only for sinks with a
 * committer; that is why this sink has one, which has nothing to commit.) Rows of a batch not yet
 * executed are not visible; a slow stream without checkpoints shows its last rows only at the end.
 *
 * <p><b>Order.</b> Records of one key must reach the same writer in order for the last one to win:
 * key the stream by the table's key ({@code keyBy}) before this sink when the parallelism is above
 * one. The key columns must carry a unique index or primary key in the table, as {@code ON
 * CONFLICT} requires.
 *
 * <p>{@link #isBlocking()} is true: writers run on threads of their own. A failed statement fails
 * the job with PostgreSQL's message, the table and the batch size; a batch that fails at a barrier
 * makes every later call of its writer fail, so that the job restores instead of going on without
 * it.
 *
 * @param <T> record type
 */
@Public
public final class JdbcUpsertSink<T> implements Sink<T> {
  private final JdbcConnectionOptions connection;
  private final InsertStatement statement;
  private final List<String> keyColumns;
  private final JdbcStatementBinder<? super T> binder;
  private final int batchSize;

  private JdbcUpsertSink(Builder<T> builder) {
    this.connection = Objects.requireNonNull(builder.connection, "connection");
    this.statement = new InsertStatement(builder.table, builder.columns);
    this.keyColumns = builder.keyColumns;
    statement.upsert(keyColumns); // checks the keys now, not when the job starts
    this.binder = Objects.requireNonNull(builder.binder, "binder");
    this.batchSize = builder.batchSize;
  }

  /** A builder of an upsert sink connecting with {@code connection}. */
  public static <T> Builder<T> builder(JdbcConnectionOptions connection) {
    return new Builder<>(connection);
  }

  @Override
  public SinkWriter<T> createWriter(SinkContext context) throws Exception {
    return new UpsertSinkWriter<>(connection, statement.table(), statement.upsert(keyColumns),
        binder, batchSize);
  }

  /** True: writers wait on the database. */
  @Override
  public boolean isBlocking() {
    return true;
  }

  /**
   * A committer with nothing to commit, only there so that the runtime calls {@link
   * SinkWriter#prepareCommit} at each barrier, where the writer flushes its batch.
   */
  @Override
  public Committer<Object> createCommitter() {
    return new Committer<>() {
      @Override
      public void commit(List<Object> committables) {
        // Each batch was committed when it was flushed.
      }

      @Override
      public void recover(List<Object> restored) {
        // Nothing is left half-done: an unflushed batch died with its writer's connection.
      }
    };
  }

  /** The upsert statement the writers run. */
  public String sql() {
    return statement.upsert(keyColumns);
  }

  @Override
  public String toString() {
    return "JdbcUpsertSink(" + statement.table() + " at " + connection.describe() + ")";
  }

  /**
   * Configures a {@link JdbcUpsertSink}: {@link #table}, {@link #columns}, {@link #keyColumns} and
   * {@link #binder} are required; {@link #batchSize} defaults to 500.
   *
   * @param <T> record type
   */
  public static final class Builder<T> {
    private final JdbcConnectionOptions connection;
    private String table;
    private List<String> columns;
    private List<String> keyColumns;
    private JdbcStatementBinder<? super T> binder;
    private int batchSize = 500;

    private Builder(JdbcConnectionOptions connection) {
      this.connection = connection;
    }

    /** The table, optionally with its schema ({@code shop.totals}). */
    public Builder<T> table(String table) {
      this.table = table;
      return this;
    }

    /** The columns written, in the order of the binder's parameters. */
    public Builder<T> columns(String... columns) {
      this.columns = List.of(columns);
      return this;
    }

    /** The columns of the table's unique key, each also among {@link #columns}. */
    public Builder<T> keyColumns(String... keyColumns) {
      this.keyColumns = List.of(keyColumns);
      return this;
    }

    /** Sets the statement's parameters from a record. */
    public Builder<T> binder(JdbcStatementBinder<? super T> binder) {
      this.binder = binder;
      return this;
    }

    /** Records per batch and transaction (at least 1). */
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
     * @throws IllegalArgumentException if a name is not a plain SQL identifier, a key column is
     *     not among the columns, or something required is missing
     */
    public JdbcUpsertSink<T> build() {
      return new JdbcUpsertSink<>(this);
    }
  }
}
