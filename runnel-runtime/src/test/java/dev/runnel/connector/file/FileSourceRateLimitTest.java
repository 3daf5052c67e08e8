package dev.runnel.connector.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.connector.file.SourceDriver.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rate limit, measured with a clock the test moves by hand. */
class FileSourceRateLimitTest {
  @TempDir Path dir;

  /** Nanoseconds; starts negative, as {@link System#nanoTime()} may. */
  private long now = -5_000_000_000L;

  @Test
  void when_budgetIsSpent_then_readerReturnsNothingAvailableUntilTimePasses() throws Exception {
    SourceReader<String> reader = reader(input(1000), 100, new Context(0, 1));
    RecordingOutput<String> out = new RecordingOutput<>();

    // The bucket starts with one record.
    assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    assertThat(out.records).hasSize(1);
    assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    assertThat(out.records).hasSize(1);

    advanceMillis(50); // 100/s for 50 ms: 5 more
    assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    assertThat(out.records).hasSize(6);

    advanceMillis(9); // 0.9 of a record: none yet
    assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    assertThat(out.records).hasSize(6);
    advanceMillis(1);
    reader.pollNext(out);
    assertThat(out.records).hasSize(7);
  }

  @Test
  void when_readerWasNotPolledForLong_then_itCatchesUpOnlyATenthOfASecond() throws Exception {
    SourceReader<String> reader = reader(input(1000), 100, new Context(0, 1));
    RecordingOutput<String> out = new RecordingOutput<>();
    reader.pollNext(out);

    advanceMillis(60_000);
    reader.pollNext(out);

    assertThat(out.records).hasSize(1 + 10);
  }

  @Test
  void when_sourceRunsInParallel_then_eachSubtaskGetsItsShareOfTheRate() throws Exception {
    Path input = input(1000);
    SourceReader<String> first = reader(input, 1000, new Context(0, 2));
    RecordingOutput<String> out = new RecordingOutput<>();
    first.pollNext(out);

    advanceMillis(20); // 500/s for 20 ms: 10
    first.pollNext(out);

    assertThat(out.records).hasSize(1 + 10);
  }

  @Test
  void when_rateIsHigh_then_onePollStillReadsAtMostItsLineBudget() throws Exception {
    SourceReader<String> reader = reader(input(5000), 1_000_000, new Context(0, 1));
    RecordingOutput<String> out = new RecordingOutput<>();
    reader.pollNext(out);
    advanceMillis(1000);

    assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
    assertThat(out.records).hasSize(1 + FileSourceReader.MAX_LINES_PER_POLL);
  }

  @Test
  void when_timeKeepsPassing_then_everyLineIsReadInOrderAndTheReaderEnds() throws Exception {
    SourceReader<String> reader = reader(input(250), 1000, new Context(0, 1));
    RecordingOutput<String> out = new RecordingOutput<>();
    InputStatus status = InputStatus.MORE_AVAILABLE;
    int polls = 0;
    while (status != InputStatus.END_OF_INPUT && polls++ < 10_000) {
      status = reader.pollNext(out);
      advanceMillis(1);
    }

    assertThat(status).isEqualTo(InputStatus.END_OF_INPUT);
    assertThat(out.records).containsExactlyElementsOf(lines(250));
    // 1000/s: one per millisecond, plus the first.
    assertThat(polls).isBetween(249, 252);
  }

  @Test
  void when_restored_then_theRestoredReaderIsRateLimitedToo() throws Exception {
    FileSource<String> source = source(input(1000), 100);
    SourceReader<String> reader = source.createReader(new Context(0, 1));
    RecordingOutput<String> out = new RecordingOutput<>();
    reader.pollNext(out);

    SourceReader<String> restored =
        source.restoreReader(new Context(0, 1), List.copyOf(reader.snapshotState(1)));
    restored.pollNext(out);
    assertThat(restored.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);

    assertThat(out.records).containsExactlyElementsOf(lines(2));
  }

  @Test
  void when_rateIsNotPositive_then_builderRejectsIt() throws Exception {
    FileSource.Builder<String> builder = FileSource.textLines(input(1));

    assertThatThrownBy(() -> builder.withRate(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rate must be > 0, was 0");
    assertThat(builder.build().rate()).isZero();
    assertThat(builder.withRate(7).build().rate()).isEqualTo(7);
  }

  private SourceReader<String> reader(Path input, long rate, Context context) throws Exception {
    SourceReader<String> reader = source(input, rate).createReader(context);
    reader.open();
    return reader;
  }

  private FileSource<String> source(Path input, long rate) {
    return FileSource.textLines(input).withRate(rate).withNanoClock(() -> now).build();
  }

  private void advanceMillis(long millis) {
    now += TimeUnit.MILLISECONDS.toNanos(millis);
  }

  private Path input(int lines) throws Exception {
    return Files.write(dir.resolve("in-" + lines + ".txt"), lines(lines));
  }

  private static List<String> lines(int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add("line " + i);
    }
    return lines;
  }
}
