package dev.runnel.connector.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.RunnelException;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.SourceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceDirectoryTest {
  @TempDir Path dir;

  @Test
  void when_directoryIsReadAtParallelismTwo_then_everyFileIsReadExactlyOnce() throws Exception {
    for (int f = 0; f < 5; f++) {
      writeLines("part-" + f + ".txt", "f" + f + "-a", "f" + f + "-b");
    }
    FileSource<String> source = FileSource.textLines(dir).build();

    RecordingOutput<String> first = SourceDriver.readAll(source, 0, 2);
    RecordingOutput<String> second = SourceDriver.readAll(source, 1, 2);

    assertThat(first.records)
        .containsExactly("f0-a", "f0-b", "f2-a", "f2-b", "f4-a", "f4-b");
    assertThat(second.records).containsExactly("f1-a", "f1-b", "f3-a", "f3-b");
  }

  @Test
  void when_directoryHasHiddenFilesAndSubdirectories_then_onlyVisibleRegularFilesAreRead()
      throws Exception {
    writeLines("b.txt", "b");
    writeLines("a.txt", "a");
    writeLines(".hidden", "hidden");
    writeLines("_SUCCESS", "marker");
    Files.createDirectory(dir.resolve("sub"));
    Files.write(dir.resolve("sub").resolve("c.txt"), List.of("nested"));

    assertThat(SourceDriver.readAll(FileSource.textLines(dir).build()).records)
        .containsExactly("a", "b");
  }

  @Test
  void when_readerHasNoFile_then_itEndsAtOnce() throws Exception {
    Path only = writeLines("only.txt", "x");
    SourceReader<String> idle =
        FileSource.textLines(only).build().createReader(new SourceDriver.Context(1, 2));
    RecordingOutput<String> out = new RecordingOutput<>();

    assertThat(idle.pollNext(out)).isEqualTo(InputStatus.END_OF_INPUT);
    assertThat(out.records).isEmpty();
  }

  @Test
  void when_pathIsMissing_then_buildFailsNamingThePath() {
    Path missing = dir.resolve("no").resolve("such.jsonl");

    assertThatThrownBy(() -> FileSource.jsonLines(missing).build())
        .isInstanceOf(RunnelException.class)
        .hasMessage("input file not found: " + missing);
  }

  @Test
  void when_pathDisappearsAfterBuild_then_createReaderFailsNamingThePath() throws Exception {
    Path file = writeLines("gone.txt", "x");
    FileSource<String> source = FileSource.textLines(file).build();
    Files.delete(file);

    assertThatThrownBy(() -> source.createReader(new SourceDriver.Context(0, 1)))
        .isInstanceOf(RunnelException.class)
        .hasMessage("input file not found: " + file);
  }

  @Test
  void when_filesAreDealtToSubtasks_then_subtaskGetsEveryPthFile() {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      files.add(Path.of("f" + i));
    }

    assertThat(FileSplits.assignedTo(files, 0, 3))
        .containsExactly(Path.of("f0"), Path.of("f3"), Path.of("f6"));
    assertThat(FileSplits.assignedTo(files, 2, 3)).containsExactly(Path.of("f2"), Path.of("f5"));
    assertThat(FileSplits.assignedTo(files, 3, 8)).containsExactly(Path.of("f3"));
    assertThat(FileSplits.assignedTo(files, 7, 8)).isEmpty();
  }

  private Path writeLines(String name, String... lines) throws IOException {
    return Files.write(dir.resolve(name), List.of(lines));
  }
}
