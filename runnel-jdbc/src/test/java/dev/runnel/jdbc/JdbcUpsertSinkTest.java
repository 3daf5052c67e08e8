package dev.runnel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.JobResult;
import dev.runnel.api.JobStatus;
import dev.runnel.api.RunnelException;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.checkpoint.RestoreFrom;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.api.connector.SinkWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JdbcUpsertSink} against a real PostgreSQL. */
class JdbcUpsertSinkTest {
  /** A keyed row: {@code id} is the key, {@code value} what the last record of the key says. */
  record Row(long id, long value) {}

  private final TestDatabase db = new TestDatabase();

  @TempDir
  Path checkpoints;

  @AfterEach
  void dropTables() {
    db.close();
  }

  private String newTable() {
    String table = db.newTable("upsert");
    db.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, value BIGINT NOT NULL)");
    return table;
  }

  private JdbcUpsertSink<Row> sink(String table, int batchSize) {
    return JdbcUpsertSink.<Row>builder(db.options())
        .table(table).columns("id", "value").keyColumns("id")
        .binder((st, row) -> {
          st.setLong(1, row.id());
          st.setLong(2, row.value());
        })
        .batchSize(batchSize)
        .build();
  }

  @Test
  void when_batchIsNotFull_then_rowsWaitForItToFillOrForABarrier() throws Exception {
    String table = newTable();
    JdbcUpsertSink<Row> sink = sink(table, 3);
    try (SinkWriter<Row> writer = sink.createWriter(new TestSinkContext("job", 0, 1, true))) {
      writer.write(new Row(1, 10));
      writer.write(new Row(2, 20));
      assertThat(db.queryLong("SELECT count(*) FROM " + table)).isZero();

      writer.write(new Row(1, 11)); // fills the batch: executed and committed together
      assertThat(db.query("SELECT id, value FROM " + table + " ORDER BY id"))
          .containsExactly(List.of(1L, 11L), List.of(2L, 20L));

      writer.write(new Row(3, 30));
      assertThat(db.queryLong("SELECT count(*) FROM " + table)).isEqualTo(2);
      assertThat(writer.prepareCommit(1)).isEmpty(); // a barrier flushes what is batched
      assertThat(db.queryLong("SELECT count(*) FROM " + table)).isEqualTo(3);
    }
    assertThat(sink.isBlocking()).isTrue();
  }

  @Test
  void when_writerFailsBeforeFlushing_then_itsBatchIsNotInTheTable() throws Exception {
    String table = newTable();
    SinkWriter<Row> writer = sink(table, 100).createWriter(new TestSinkContext("job", 0, 1, true));
    writer.write(new Row(1, 10));
    writer.close(); // as after a failure: no prepareCommit, no finish

    assertThat(db.queryLong("SELECT count(*) FROM " + table)).isZero();
  }

  @Test
  void when_batchFailsAtABarrier_then_everyLaterCallFailsSoTheJobRestores() throws Exception {
    String table = newTable();
    db.execute("ALTER TABLE " + table + " ADD CHECK (value >= 0)");
    try (SinkWriter<Row> writer =
        sink(table, 10).createWriter(new TestSinkContext("job", 0, 1, true))) {
      writer.write(new Row(1, 10));
      writer.write(new Row(2, -1));

      assertThatThrownBy(() -> writer.prepareCommit(1)).isInstanceOf(RunnelException.class)
          .hasMessageContaining("cannot upsert a batch of 2 rows into " + table);
      // The runtime only declines that checkpoint; the next record must fail the job.
      assertThatThrownBy(() -> writer.write(new Row(3, 30))).isInstanceOf(RunnelException.class)
          .hasMessageContaining("was lost");
    }
    assertThat(db.queryLong("SELECT count(*) FROM " + table)).isZero();
  }

  @Test
  void when_jobIsRestoredFromAnEarlierCheckpoint_then_replayedRowsLeaveTheSameTable()
      throws Exception {
    String table = newTable();
    long n = 3_000;

    JobResult first = runJob(table, n, null);
    assertThat(first.status()).isEqualTo(JobStatus.FINISHED);
    List<List<Object>> afterFirstRun = db.query("SELECT id, value FROM " + table + " ORDER BY id");
    assertThat(afterFirstRun).hasSize(50);
    // Each id's last record wins: id k's last value is the last i below n with i % 50 == k.
    for (List<Object> row : afterFirstRun) {
      long id = (Long) row.get(0);
      assertThat(row.get(1)).isEqualTo(n - 50 + id);
    }

    Path middle = checkpointInTheMiddle();
    JobResult replay = runJob(table, n, middle);

    assertThat(replay.status()).isEqualTo(JobStatus.FINISHED);
    long replayed = replay.counter("upserts.recordsIn");
    assertThat(replayed).as("records written again after restoring " + middle)
        .isPositive().isLessThan(n);
    assertThat(db.query("SELECT id, value FROM " + table + " ORDER BY id"))
        .isEqualTo(afterFirstRun);
  }

  private JobResult runJob(String table, long n, Path restoreFrom) {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    env.enableCheckpointing(Duration.ofMillis(50)).setCheckpointDirectory(checkpoints)
        .setRetainedCheckpoints(1_000);
    if (restoreFrom != null) {
      env.restoreFrom(RestoreFrom.path(restoreFrom));
    }
    env.fromSource(GeneratorSource.of(i -> new Row(i % 50, i)).count(n).ratePerSecond(3_000)
            .build(), "rows").uid("rows")
        .sinkTo(sink(table, 64)).name("upserts").uid("upserts");
    return env.execute("upsert-replay");
  }

  /**
   * A checkpoint from the middle of the first run, taken while the source was still reading (the
   * assertions on the replay check that it is neither at the start nor at the end). Not the one
   * before the final checkpoint: checkpoints go on after a source finishes, so that one may
   * already hold the source's end.
   */
  private Path checkpointInTheMiddle() throws IOException {
    try (Stream<Path> folders = Files.list(checkpoints.resolve("upsert-replay"))) {
      List<Path> complete = folders.filter(p -> p.getFileName().toString().startsWith("chk-"))
          .filter(p -> Files.exists(p.resolve("_metadata")))
          .sorted(Comparator.comparingLong(
              p -> Long.parseLong(p.getFileName().toString().substring(4))))
          .toList();
      assertThat(complete).as("checkpoints of the first run").hasSizeGreaterThan(3);
      return complete.get(complete.size() / 2);
    }
  }
}
