package dev.runnel.connector.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExistingOutputTest {
  @TempDir Path dir;

  @Test
  void when_fileIsMissingOrEmpty_then_thereIsNoEarlierOutput() throws Exception {
    Path missing = dir.resolve("out.jsonl");
    Path empty = Files.createFile(dir.resolve("empty.jsonl"));

    assertThat(ExistingOutput.at(missing, false).isEmpty()).isTrue();
    assertThat(ExistingOutput.at(empty, false).isEmpty()).isTrue();
    assertThat(ExistingOutput.at(FileSink.STANDARD_OUTPUT, false).isEmpty()).isTrue();
  }

  @Test
  void when_fileHoldsLines_then_itIsDescribedAndDeletedOnRequest() throws Exception {
    Path file = Files.writeString(dir.resolve("out.jsonl"), "{\"a\":1}\n");

    ExistingOutput existing = ExistingOutput.at(file, false);

    assertThat(existing.isEmpty()).isFalse();
    assertThat(existing.describe()).isEqualTo("output file " + file + " already exists (8 bytes)");
    existing.delete();
    assertThat(file).doesNotExist();
  }

  @Test
  void when_directoryHoldsPartFiles_then_onlyThoseAreOutputAndOnlyThoseAreDeleted()
      throws Exception {
    Path out = Files.createDirectory(dir.resolve("out"));
    Files.writeString(out.resolve("part-0-0.jsonl"), "{}\n");
    Files.writeString(out.resolve("part-1-3.jsonl"), "{}\n");
    Files.writeString(out.resolve(".part-0-1.jsonl.inprogress"), "{}\n");
    Files.writeString(out.resolve("notes.txt"), "mine\n");
    Files.createDirectory(out.resolve("part-9-9.jsonl"));

    ExistingOutput existing = ExistingOutput.at(out, true);
    existing.delete();

    assertThat(existing.describe())
        .isEqualTo("output directory " + out + " already holds 3 part files (part-0-0.jsonl, …)");
    assertThat(out.resolve("notes.txt")).exists();
    assertThat(out.resolve("part-9-9.jsonl")).isDirectory();
    assertThat(ExistingOutput.at(out, true).isEmpty()).isTrue();
  }
}
