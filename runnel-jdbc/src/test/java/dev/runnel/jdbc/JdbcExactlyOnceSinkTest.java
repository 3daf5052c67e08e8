package dev.runnel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.JobResult;
import dev.runnel.api.JobStatus;
import dev.runnel.api.RunnelException;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.checkpoint.RestartStrategy;
import dev.runnel.api.connector.Committer;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JdbcExactlyOnceSink} against a real PostgreSQL with prepared transactions. */
class JdbcExactlyOnceSinkTest {
  private final TestDatabase db = new TestDatabase();

  @TempDir
  Path checkpoints;

  @AfterEach
  void cleanUp() {
    db.close();
  }

  private String newTable() {
    String table = db.newTable("exactly_once");
    // No key: a row written twice would show as a duplicate.
    db.execute("CREATE TABLE " + table + " (v BIGINT NOT NULL)");
    return table;
  }

  private JdbcExactlyOnceSink<Long> sink(String sinkId, String table) {
    return JdbcExactlyOnceSink.<Long>builder(db.options())
        .sinkId(sinkId).table(table).columns("v")
        .binder((st, v) -> st.setLong(1, v))
        .batchSize(50)
        .build();
  }

  private List<List<Object>> rows(String table) {
    return db.query("SELECT v FROM " + table + " ORDER BY v");
  }

  @Test
  void when_jobFailsBetweenPrepareAndCheckpoint_then_restartLeavesEveryRowExactlyOnce() {
    long n = 3_000;
    String table = newTable();
    String sinkId = db.newSinkId("restarting");
    ROWS_AT_FAILURE.set(-1);
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    env.enableCheckpointing(Duration.ofMillis(100)).setCheckpointDirectory(checkpoints);
    env.setRestartStrategy(RestartStrategy.fixedDelay(2, Duration.ZERO));
    env.fromSource(GeneratorSource.<Long>of(i -> i).count(n).ratePerSecond(3_000).build(),
            "numbers").uid("numbers")
        .sinkTo(new FailsWhileCheckpointIsPending<>(sink(sinkId, table), db.options(), table))
        .name("rows").uid("rows");

    JobResult result = env.execute("exactly-once-" + sinkId);

    assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(ROWS_AT_FAILURE.get()).as("rows committed when the job failed").isPositive();
    assertThat(db.queryLong("SELECT count(*) FROM " + table)).isEqualTo(n);
    assertThat(db.queryLong("SELECT count(DISTINCT v) FROM " + table)).isEqualTo(n);
    assertThat(db.query("SELECT min(v), max(v) FROM " + table))
        .containsExactly(List.of(0L, n - 1));
    assertThat(db.preparedGids(sinkId)).as("prepared transactions left behind").isEmpty();
  }

  /** Committed rows in the table when the injected failure struck. */
  private static final AtomicLong ROWS_AT_FAILURE = new AtomicLong();

  /**
   * The real sink at parallelism 2, made to fail the job once while checkpoint {@value
   * #FAILING_CHECKPOINT} is pending: both writers prepare their transactions for it, subtask 1
   * then holds back its acknowledgement for a second, and subtask 0 fails on its next record. So
   * the checkpoint never completes, its two prepared transactions must be rolled back when the job
   * restores from the checkpoint before, and their rows are written again.
   */
  static final class FailsWhileCheckpointIsPending<T> implements Sink<T> {
    static final long FAILING_CHECKPOINT = 3;

    private final Sink<T> sink;
    private final JdbcConnectionOptions options;
    private final String table;
    private final AtomicInteger writersCreated = new AtomicInteger();

    FailsWhileCheckpointIsPending(Sink<T> sink, JdbcConnectionOptions options, String table) {
      this.sink = sink;
      this.options = options;
      this.table = table;
    }

    @Override
    public SinkWriter<T> createWriter(SinkContext context) throws Exception {
      SinkWriter<T> writer = sink.createWriter(context);
      boolean firstAttempt = writersCreated.getAndIncrement() < context.parallelism();
      int subtask = context.subtaskIndex();
      return new SinkWriter<>() {
        private boolean failNext;

        @Override
        public void write(T record) throws Exception {
          if (failNext) {
            failNext = false;
            ROWS_AT_FAILURE.set(committedRows());
            throw new IllegalStateException("injected failure while checkpoint "
                + FAILING_CHECKPOINT + " is pending");
          }
          writer.write(record);
        }

        @Override
        public List<?> prepareCommit(long checkpointId) throws Exception {
          List<?> prepared = writer.prepareCommit(checkpointId);
          if (firstAttempt && checkpointId == FAILING_CHECKPOINT) {
            if (subtask == 0) {
              failNext = true;
            } else {
              Thread.sleep(1_000); // the job fails meanwhile (or interrupts this)
            }
          }
          return prepared;
        }

        @Override
        public void finish() throws Exception {
          writer.finish();
        }

        @Override
        public void close() throws Exception {
          writer.close();
        }
      };
    }

    @Override
    public boolean isBlocking() {
      return sink.isBlocking();
    }

    @Override
    public Committer<?> createCommitter() {
      return sink.createCommitter();
    }

    private long committedRows() throws SQLException {
      try (Connection c = options.connect(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void when_recovering_then_restoredTransactionsAreCommittedAndLaterOnesRolledBack()
      throws Exception {
    String table = newTable();
    String sinkId = db.newSinkId("recover");
    String otherSinkId = sinkId + "-other"; // shares the prefix: recovery must leave it alone
    db.newSinkIdCleanup(otherSinkId);
    JdbcExactlyOnceSink<Long> sink = sink(sinkId, table);
    JdbcExactlyOnceSink<Long> other = sink(otherSinkId, table);

    SinkWriter<Long> writer = sink.createWriter(new TestSinkContext("job", 3, 4, true));
    writer.write(1L);
    writer.write(2L);
    List<?> first = writer.prepareCommit(7);
    writer.write(3L);
    List<?> second = writer.prepareCommit(8);
    assertThat(writer.prepareCommit(9)).as("nothing written since the last barrier").isEmpty();
    writer.write(4L); // never prepared: dies with the writer
    SinkWriter<Long> otherWriter = other.createWriter(new TestSinkContext("job", 0, 1, true));
    otherWriter.write(100L);
    List<?> otherPrepared = otherWriter.prepareCommit(1);
    otherWriter.close();
    writer.close(); // the job fails here, after checkpoint 7 completed and before 8 did

    assertThat(first).isEqualTo(List.of("runnel-" + sinkId + "-3-7"));
    assertThat(second).isEqualTo(List.of("runnel-" + sinkId + "-3-8"));
    assertThat(rows(table)).as("prepared rows are invisible").isEmpty();
    assertThat(db.preparedGids(sinkId)).containsExactlyInAnyOrder(
        "runnel-" + sinkId + "-3-7", "runnel-" + sinkId + "-3-8");

    // The restore: checkpoint 7 holds the first gid.
    Committer<String> committer = sink.createCommitter();
    committer.recover(List.of("runnel-" + sinkId + "-3-7"));

    assertThat(rows(table)).containsExactly(List.of(1L), List.of(2L));
    assertThat(db.preparedGids(sinkId)).isEmpty();
    assertThat(db.preparedGids(otherSinkId)).isEqualTo(otherPrepared);

    committer.commit(List.of("runnel-" + sinkId + "-3-7")); // again, as after a second restore
    assertThat(rows(table)).containsExactly(List.of(1L), List.of(2L));

    other.createCommitter().recover(List.of()); // a fresh start of the other job
    assertThat(db.preparedGids(otherSinkId)).isEmpty();
    assertThat(rows(table)).containsExactly(List.of(1L), List.of(2L));
  }

  @Test
  void when_checkpointCompletes_then_itsRowsBecomeVisible() throws Exception {
    String table = newTable();
    String sinkId = db.newSinkId("commit");
    JdbcExactlyOnceSink<Long> sink = sink(sinkId, table);
    try (SinkWriter<Long> writer = sink.createWriter(new TestSinkContext("job", 0, 1, true))) {
      for (long v = 0; v < 120; v++) { // more than two batches, all in one transaction
        writer.write(v);
      }
      @SuppressWarnings("unchecked")
      List<String> gids = (List<String>) writer.prepareCommit(1);
      assertThat(db.queryLong("SELECT count(*) FROM " + table)).isZero();

      sink.createCommitter().commit(gids);
    }
    assertThat(db.queryLong("SELECT count(*) FROM " + table)).isEqualTo(120);
    assertThat(sink.isBlocking()).isTrue();
  }

  @Test
  void when_insertFails_then_everyLaterCallFailsSoTheJobRestores() throws Exception {
    String table = newTable();
    db.execute("ALTER TABLE " + table + " ADD CHECK (v >= 0)");
    JdbcExactlyOnceSink<Long> sink = sink(db.newSinkId("lost"), table);
    try (SinkWriter<Long> writer = sink.createWriter(new TestSinkContext("job", 0, 1, true))) {
      writer.write(1L);
      writer.write(-1L);

      assertThatThrownBy(() -> writer.prepareCommit(1)).isInstanceOf(RunnelException.class)
          .hasMessageContaining("cannot insert a batch of 2 rows into " + table);
      assertThatThrownBy(() -> writer.write(2L)).isInstanceOf(RunnelException.class)
          .hasMessageContaining("was lost");
      assertThatThrownBy(() -> writer.prepareCommit(2)).isInstanceOf(RunnelException.class);
    }
    assertThat(db.queryLong("SELECT count(*) FROM " + table)).isZero();
  }

  @Test
  void when_noCheckpoints_then_batchesAndTheEndAreCommittedAsTheyGo() throws Exception {
    String table = newTable();
    JdbcExactlyOnceSink<Long> sink = sink(db.newSinkId("plain"), table);
    try (SinkWriter<Long> writer = sink.createWriter(new TestSinkContext("job", 0, 1, false))) {
      for (long v = 0; v < 60; v++) {
        writer.write(v);
      }
      assertThat(db.queryLong("SELECT count(*) FROM " + table)).isEqualTo(50);
      writer.finish();
    }
    assertThat(db.queryLong("SELECT count(*) FROM " + table)).isEqualTo(60);
  }
}
