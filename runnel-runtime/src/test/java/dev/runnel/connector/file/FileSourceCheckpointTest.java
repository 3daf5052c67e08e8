package dev.runnel.connector.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.RunnelException;
import dev.runnel.api.connector.DeadLetter;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.connector.file.SourceDriver.Context;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceCheckpointTest {
  /** More lines per file than one poll reads, so snapshots fall inside files. */
  private static final int LINES_PER_FILE = 1500;

  @TempDir Path dir;

  @Test
  void when_readerIsRestoredFromASnapshot_then_itReadsExactlyTheRestOfTheFile()
      throws Exception {
    Path file = writeFile("only.txt", 3000);
    FileSource<String> source = FileSource.textLines(file).build();
    SourceReader<String> first = source.createReader(new Context(0, 1));
    RecordingOutput<String> out = new RecordingOutput<>();
    first.open();
    assertThat(first.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
    List<Object> state = List.copyOf(first.snapshotState(1));
    first.close();

    int read = FileSourceReader.MAX_LINES_PER_POLL;
    assertThat(state).containsExactly(new FileSource.SplitState(
        file.toString(), bytesOfLines("only.txt", 0, read), read, false));
    assertThat(source.supportsCheckpoints()).isTrue();

    SourceReader<String> restored = source.restoreReader(new Context(0, 1), state);
    restored.open();
    SourceDriver.drain(restored, out);
    restored.close();

    assertThat(out.records).containsExactlyElementsOf(lines("only.txt", 3000));
  }

  @Test
  void when_readersAreRestoredAtTheSameParallelism_then_eachContinuesItsOwnFiles()
      throws Exception {
    FileSource<String> source = directoryOf(5);
    List<String> emitted = new ArrayList<>();
    List<List<?>> states = readPartly(source, 2, emitted);

    for (int s = 0; s < 2; s++) {
      SourceReader<String> restored =
          source.restoreReader(new Context(s, 2), List.copyOf(states.get(s)));
      RecordingOutput<String> rest = new RecordingOutput<>();
      SourceDriver.drain(restored, rest);
      emitted.addAll(rest.records);
    }

    assertThat(emitted).containsExactlyInAnyOrderElementsOf(allLines(5));
  }

  @Test
  void when_twoReadersAreRestoredAsOne_then_everyLineIsReadExactlyOnce() throws Exception {
    FileSource<String> source = directoryOf(5);
    List<String> emitted = new ArrayList<>();
    List<List<?>> states = readPartly(source, 2, emitted);

    List<Object> share = SourceDriver.redistribute(states, 1).get(0);
    SourceReader<String> restored = source.restoreReader(new Context(0, 1), share);
    RecordingOutput<String> rest = new RecordingOutput<>();
    SourceDriver.drain(restored, rest);
    emitted.addAll(rest.records);

    assertThat(share).hasSize(5);
    assertThat(emitted).containsExactlyInAnyOrderElementsOf(allLines(5));
  }

  @Test
  void when_twoReadersAreRestoredAsThree_then_everyLineIsReadExactlyOnce() throws Exception {
    FileSource<String> source = directoryOf(5);
    List<String> emitted = new ArrayList<>();
    List<List<?>> states = readPartly(source, 2, emitted);

    List<List<Object>> shares = SourceDriver.redistribute(states, 3);
    for (int s = 0; s < 3; s++) {
      SourceReader<String> restored = source.restoreReader(new Context(s, 3), shares.get(s));
      RecordingOutput<String> rest = new RecordingOutput<>();
      SourceDriver.drain(restored, rest);
      emitted.addAll(rest.records);
    }

    assertThat(emitted).containsExactlyInAnyOrderElementsOf(allLines(5));
  }

  @Test
  void when_restored_then_onlyTheGivenFilesAreReadAndNewFilesAreNot() throws Exception {
    FileSource<String> source = directoryOf(2);
    SourceReader<String> reader = source.createReader(new Context(0, 2));
    RecordingOutput<String> out = new RecordingOutput<>();
    reader.pollNext(out);
    List<Object> state = List.copyOf(reader.snapshotState(1));
    writeFile("f9.txt", 3);

    SourceReader<String> restored = source.restoreReader(new Context(0, 2), state);
    SourceDriver.drain(restored, out);

    assertThat(out.records).containsExactlyElementsOf(lines("f0.txt", LINES_PER_FILE));
  }

  @Test
  void when_filesWereFinishedAtTheSnapshot_then_theyStayFinishedAndAreNotReadAgain()
      throws Exception {
    Path a = writeFile("a.txt", 10);
    writeFile("b.txt", 10);
    FileSource<String> source = FileSource.textLines(dir).build();
    SourceReader<String> reader = source.createReader(new Context(0, 1));
    RecordingOutput<String> out = new RecordingOutput<>();
    SourceDriver.drain(reader, out);
    List<Object> state = List.copyOf(reader.snapshotState(3));

    SourceReader<String> restored = source.restoreReader(new Context(0, 1), state);
    RecordingOutput<String> rest = new RecordingOutput<>();

    assertThat(state).hasSize(2).first().isEqualTo(
        new FileSource.SplitState(a.toString(), Files.size(a), 10, true));
    assertThat(restored.pollNext(rest)).isEqualTo(InputStatus.END_OF_INPUT);
    assertThat(rest.records).isEmpty();
    assertThat(restored.snapshotState(4)).isEqualTo(state);
  }

  @Test
  void when_restoredWithoutSplits_then_readerEndsAtOnce() throws Exception {
    SourceReader<String> restored =
        directoryOf(1).restoreReader(new Context(2, 3), List.of());

    assertThat(restored.pollNext(new RecordingOutput<>())).isEqualTo(InputStatus.END_OF_INPUT);
    assertThat(restored.snapshotState(1)).isEmpty();
  }

  @Test
  void when_restoredMidFile_then_lineNumbersOfDeadLettersContinue() throws Exception {
    List<String> json = new ArrayList<>();
    for (int i = 1; i <= 2000; i++) {
      json.add(i == 1500 ? "not json" : i == 1200 ? "" : "{\"n\":" + i + "}");
    }
    Path file = Files.write(dir.resolve("in.jsonl"), json);
    FileSource<Map<String, Object>> source =
        FileSource.jsonLines(file).onBadRecord(BadRecordPolicy.DEAD_LETTER).build();
    SourceReader<Map<String, Object>> reader = source.createReader(new Context(0, 1));
    RecordingOutput<Map<String, Object>> out = new RecordingOutput<>();
    reader.pollNext(out);
    List<Object> state = List.copyOf(reader.snapshotState(1));

    SourceReader<Map<String, Object>> restored =
        source.restoreReader(new Context(0, 1), state);
    SourceDriver.drain(restored, out);

    assertThat(out.records).hasSize(1998);
    assertThat(out.records.get(1998 - 1)).isEqualTo(Map.of("n", 2000));
    assertThat(out.sideOutput(FileSource.DEAD_LETTERS))
        .extracting(DeadLetter::position)
        .containsExactly(1500L);
  }

  @Test
  void when_aRestoredFileIsGone_then_errorNamesIt() throws Exception {
    Path file = writeFile("gone.txt", 3);
    FileSource<String> source = FileSource.textLines(file).build();
    Files.delete(file);
    SourceReader<String> restored = source.restoreReader(
        new Context(0, 1), List.of(new FileSource.SplitState(file.toString(), 0, 0, false)));

    assertThatThrownBy(() -> restored.pollNext(new RecordingOutput<>()))
        .isInstanceOf(RunnelException.class)
        .hasMessage("input file not found: " + file);
  }

  @Test
  void when_restoredWithAForeignState_then_itFails() throws Exception {
    FileSource<String> source = directoryOf(1);

    assertThatThrownBy(() -> source.restoreReader(new Context(0, 1), List.of("f0.txt")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FileSource");
  }

  /**
   * Runs {@code parallelism} fresh readers for a different number of polls each (1, 2, …), adds
   * what they emitted to {@code emitted} and returns their snapshots, in subtask order.
   */
  private static List<List<?>> readPartly(
      FileSource<String> source, int parallelism, List<String> emitted) throws Exception {
    List<List<?>> states = new ArrayList<>();
    for (int s = 0; s < parallelism; s++) {
      SourceReader<String> reader = source.createReader(new Context(s, parallelism));
      reader.open();
      RecordingOutput<String> out = new RecordingOutput<>();
      for (int poll = 0; poll <= s; poll++) {
        assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
      }
      emitted.addAll(out.records);
      states.add(reader.snapshotState(1));
      reader.close();
    }
    return states;
  }

  private FileSource<String> directoryOf(int files) throws Exception {
    for (int f = 0; f < files; f++) {
      writeFile("f" + f + ".txt", LINES_PER_FILE);
    }
    return FileSource.textLines(dir).build();
  }

  private static List<String> allLines(int files) {
    List<String> all = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      all.addAll(lines("f" + f + ".txt", LINES_PER_FILE));
    }
    return all;
  }

  private Path writeFile(String name, int lines) throws Exception {
    return Files.write(dir.resolve(name), lines(name, lines), StandardCharsets.UTF_8);
  }

  /** Lines of varying length (and one non-ASCII character each), named after their file. */
  private static List<String> lines(String name, int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add(name + ":" + i + "ü" + "x".repeat(i % 7));
    }
    return lines;
  }

  private static long bytesOfLines(String name, int from, int to) {
    long bytes = 0;
    for (String line : lines(name, to).subList(from, to)) {
      bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
    }
    return bytes;
  }
}
