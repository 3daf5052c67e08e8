package dev.runnel.connector.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.RunnelException;
import dev.runnel.api.connector.Committer;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileSink} in a job with checkpoints: part files, pre-commit, commit and recovery. */
class FileSinkTwoPhaseCommitTest {
  @TempDir Path root;

  record Context(int subtaskIndex, int parallelism, boolean isCheckpointingEnabled)
      implements SinkContext {
    @Override
    public String jobName() {
      return "test-job";
    }
  }

  private static Context checkpointing(int subtask) {
    return new Context(subtask, 2, true);
  }

  @Test
  void when_checkpointsArePreparedAndCommitted_then_partsBecomeVisibleOnlyOnCommit()
      throws Exception {
    Path dir = root.resolve("out");
    FileSink<Map<String, Object>> sink = FileSink.jsonLines(dir);
    SinkWriter<Map<String, Object>> writer = sink.createWriter(checkpointing(0));
    Committer<FileSink.Committable> committer = committer(sink);
    committer.recover(List.of());

    writer.write(Map.of("n", 1));
    writer.write(Map.of("n", 2));
    assertThat(names(dir)).containsExactly(".part-0-0.jsonl.inprogress");

    List<FileSink.Committable> first = committables(writer.prepareCommit(1));
    assertThat(first).containsExactly(
        new FileSink.Committable(".part-0-0.jsonl.pending", "part-0-0.jsonl"));
    assertThat(names(dir)).containsExactly(".part-0-0.jsonl.pending");

    writer.write(Map.of("n", 3));
    List<FileSink.Committable> second = committables(writer.prepareCommit(2));
    assertThat(names(dir))
        .containsExactly(".part-0-0.jsonl.pending", ".part-0-1.jsonl.pending");
    assertThat(SourceDriver.readAll(FileSource.textLines(dir).build()).records).isEmpty();

    committer.commit(first);
    assertThat(names(dir)).containsExactly(".part-0-1.jsonl.pending", "part-0-0.jsonl");
    assertThat(Files.readString(dir.resolve("part-0-0.jsonl"))).isEqualTo("{\"n\":1}\n{\"n\":2}\n");
    assertThat(SourceDriver.readAll(FileSource.jsonLines(dir).build()).records)
        .containsExactly(Map.of("n", 1), Map.of("n", 2));

    committer.commit(second);
    writer.close();
    assertThat(names(dir)).containsExactly("part-0-0.jsonl", "part-0-1.jsonl");
    assertThat(Files.readString(dir.resolve("part-0-1.jsonl"))).isEqualTo("{\"n\":3}\n");
  }

  @Test
  void when_nothingWasWrittenSinceTheLastCheckpoint_then_noFileAndNoCommittable()
      throws Exception {
    Path dir = root.resolve("out");
    SinkWriter<String> writer = FileSink.textLines(dir).createWriter(checkpointing(0));

    assertThat(writer.prepareCommit(1)).isEmpty();
    writer.write("x");
    assertThat(writer.prepareCommit(2)).hasSize(1);
    assertThat(writer.prepareCommit(3)).isEmpty();
    writer.close();

    assertThat(names(dir)).containsExactly(".part-0-0.txt.pending");
  }

  @Test
  void when_textLinesAreWritten_then_partFilesAreTxtWithOneLinePerRecord() throws Exception {
    Path dir = root.resolve("out");
    FileSink<String> sink = FileSink.textLines(dir);
    SinkWriter<String> writer = sink.createWriter(checkpointing(1));
    writer.write("alpha");
    writer.write("Grüße 🌍");

    committer(sink).commit(committables(writer.prepareCommit(1)));
    writer.close();

    assertThat(names(dir)).containsExactly("part-1-0.txt");
    assertThat(Files.readString(dir.resolve("part-1-0.txt"))).isEqualTo("alpha\nGrüße 🌍\n");
  }

  @Test
  void when_committedTwice_then_secondCommitChangesNothing() throws Exception {
    Path dir = root.resolve("out");
    FileSink<String> sink = FileSink.textLines(dir);
    SinkWriter<String> writer = sink.createWriter(checkpointing(0));
    writer.write("once");
    List<FileSink.Committable> committables = committables(writer.prepareCommit(1));
    writer.close();

    committer(sink).commit(committables);
    committer(sink).commit(committables);
    committer(sink).recover(committables);

    assertThat(names(dir)).containsExactly("part-0-0.txt");
    assertThat(Files.readString(dir.resolve("part-0-0.txt"))).isEqualTo("once\n");
  }

  @Test
  void when_pendingAndFinalFileAreBothMissing_then_commitFailsNamingThem() throws Exception {
    Path dir = Files.createDirectory(root.resolve("out"));
    Committer<FileSink.Committable> committer = committer(FileSink.textLines(dir));

    assertThatThrownBy(() -> committer.commit(
            List.of(new FileSink.Committable(".part-0-4.txt.pending", "part-0-4.txt"))))
        .isInstanceOf(RunnelException.class)
        .hasMessageContaining(".part-0-4.txt.pending")
        .hasMessageContaining("missing");
  }

  @Test
  void when_recovered_then_restoredPartsAreCommittedAndLaterOnesDeleted() throws Exception {
    Path dir = root.resolve("out");
    FileSink<String> sink = FileSink.textLines(dir);
    // Run 1: checkpoint 1 completes but is not committed yet; checkpoint 2 is pre-committed but
    // never completes; records after it are in progress when the run dies (no close).
    SinkWriter<String> run1 = sink.createWriter(checkpointing(0));
    SinkWriter<String> run1Other = sink.createWriter(checkpointing(1));
    run1.write("a");
    List<FileSink.Committable> checkpoint1 = committables(run1.prepareCommit(1));
    run1Other.write("b");
    checkpoint1 = concat(checkpoint1, committables(run1Other.prepareCommit(1)));
    run1.write("c");
    run1.prepareCommit(2);
    run1.write("d");
    run1.finish();
    run1Other.write("e");
    run1Other.finish();
    Files.writeString(dir.resolve(".keep"), "not a part file");
    Files.writeString(dir.resolve("notes.txt"), "not a part file either");
    assertThat(names(dir)).containsExactly(
        ".keep", ".part-0-0.txt.pending", ".part-0-1.txt.pending", ".part-0-2.txt.inprogress",
        ".part-1-0.txt.pending", ".part-1-1.txt.inprogress", "notes.txt");

    // Run 2 restores checkpoint 1.
    committer(sink).recover(checkpoint1);

    assertThat(names(dir))
        .containsExactly(".keep", "notes.txt", "part-0-0.txt", "part-1-0.txt");
    assertThat(Files.readString(dir.resolve("part-0-0.txt"))).isEqualTo("a\n");
    assertThat(Files.readString(dir.resolve("part-1-0.txt"))).isEqualTo("b\n");

    SinkWriter<String> run2 = sink.createWriter(checkpointing(0));
    run2.write("c");
    List<FileSink.Committable> next = committables(run2.prepareCommit(2));
    assertThat(next).containsExactly(
        new FileSink.Committable(".part-0-1.txt.pending", "part-0-1.txt"));
    run2.close();
    run1.close();
    run1Other.close();
  }

  @Test
  void when_recoveredOnAFreshStart_then_everyUncommittedPartIsDeleted() throws Exception {
    Path dir = Files.createDirectory(root.resolve("out"));
    Files.writeString(dir.resolve("part-0-0.jsonl"), "{}\n");
    Files.writeString(dir.resolve(".part-0-1.jsonl.pending"), "{}\n");
    Files.writeString(dir.resolve(".part-3-7.jsonl.inprogress"), "{}\n");

    committer(FileSink.jsonLines(dir)).recover(List.of());

    assertThat(names(dir)).containsExactly("part-0-0.jsonl");
  }

  @Test
  void when_partFilesExist_then_writerNumbersAfterTheHighestOfItsSubtask() throws Exception {
    Path dir = Files.createDirectory(root.resolve("out"));
    Files.writeString(dir.resolve("part-0-5.jsonl"), "");
    Files.writeString(dir.resolve(".part-0-7.txt.pending"), "");
    Files.writeString(dir.resolve("part-1-9.jsonl"), "");
    Files.writeString(dir.resolve("part-0-x.jsonl"), "");

    SinkWriter<String> writer = FileSink.<String>jsonLines(dir).createWriter(checkpointing(0));
    writer.write("r");

    assertThat(names(dir)).contains(".part-0-8.jsonl.inprogress");
    assertThat(committables(writer.prepareCommit(1)))
        .containsExactly(new FileSink.Committable(".part-0-8.jsonl.pending", "part-0-8.jsonl"));
    writer.write("s");
    assertThat(names(dir)).contains(".part-0-9.jsonl.inprogress");
    writer.close();
  }

  @Test
  void when_closedWithAnOpenPart_then_theInProgressFileIsDeletedAndPendingOnesKept()
      throws Exception {
    Path dir = root.resolve("out");
    SinkWriter<String> writer = FileSink.textLines(dir).createWriter(checkpointing(0));
    writer.write("kept");
    writer.prepareCommit(1);
    writer.write("dropped");

    writer.close();
    writer.close();

    assertThat(names(dir)).containsExactly(".part-0-0.txt.pending");
  }

  @Test
  void when_pathIsARegularFile_then_checkpointingWriterFailsNamingIt() throws Exception {
    Path file = Files.writeString(root.resolve("out.jsonl"), "");

    assertThatThrownBy(() -> FileSink.jsonLines(file).createWriter(checkpointing(0)))
        .isInstanceOf(RunnelException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("directory");
  }

  @Test
  void when_recordCannotBeEncoded_then_errorNamesTheOutput() throws Exception {
    Path dir = root.resolve("out");
    SinkWriter<Object> writer = FileSink.jsonLines(dir).createWriter(checkpointing(0));
    try {
      assertThatThrownBy(() -> writer.write(new Object()))
          .isInstanceOf(RunnelException.class)
          .hasMessageContaining(dir.toString());
    } finally {
      writer.close();
    }
  }

  @Test
  void when_checkpointingIsOff_then_sinkWritesOneFileAndRecoveryLeavesItAlone()
      throws Exception {
    Path file = root.resolve("out.txt");
    FileSink<String> sink = FileSink.textLines(file);
    committer(sink).recover(List.of());
    SinkWriter<String> writer = sink.createWriter(new Context(0, 1, false));
    writer.write("plain");
    assertThat(writer.prepareCommit(1)).isEmpty();
    writer.finish();
    writer.close();

    committer(sink).recover(List.of());

    assertThat(Files.readString(file)).isEqualTo("plain\n");
    assertThat(names(root)).containsExactly("out.txt");
  }

  @SuppressWarnings("unchecked")
  private static Committer<FileSink.Committable> committer(FileSink<?> sink) {
    return (Committer<FileSink.Committable>) sink.createCommitter();
  }

  private static List<FileSink.Committable> committables(List<?> prepared) {
    List<FileSink.Committable> committables = new ArrayList<>();
    for (Object c : prepared) {
      committables.add((FileSink.Committable) c);
    }
    return committables;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
