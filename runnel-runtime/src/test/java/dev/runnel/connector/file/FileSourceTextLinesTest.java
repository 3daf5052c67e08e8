package dev.runnel.connector.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.SourceReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTextLinesTest {
  @TempDir Path dir;

  @Test
  void when_textHasCrLfMultiByteCharsAndNoFinalNewline_then_eachLineIsOneRecord()
      throws Exception {
    Path file = Files.writeString(
        dir.resolve("in.txt"), "first\r\nGrüße, 世界 🌍\n\n  \nlast", StandardCharsets.UTF_8);

    RecordingOutput<String> out = SourceDriver.readAll(FileSource.textLines(file).build());

    assertThat(out.records).containsExactly("first", "Grüße, 世界 🌍", "", "  ", "last");
    assertThat(out.sideOutputs).isEmpty();
  }

  @Test
  void when_fileHasMoreLinesThanOnePoll_then_pollReturnsMoreAvailableAndPositionIsNextLine()
      throws Exception {
    StringBuilder text = new StringBuilder();
    long offsetAfterFirstPoll = 0;
    int lineCount = FileSourceReader.MAX_LINES_PER_POLL * 2 + 5;
    for (int i = 0; i < lineCount; i++) {
      String line = "line-" + i + "-é\n";
      text.append(line);
      if (i < FileSourceReader.MAX_LINES_PER_POLL) {
        offsetAfterFirstPoll += line.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    Path file = Files.writeString(dir.resolve("big.txt"), text, StandardCharsets.UTF_8);
    SourceReader<String> reader =
        FileSource.textLines(file).build().createReader(new SourceDriver.Context(0, 1));
    FileSourceReader<String> fileReader = (FileSourceReader<String>) reader;
    RecordingOutput<String> out = new RecordingOutput<>();

    InputStatus first = reader.pollNext(out);

    assertThat(first).isEqualTo(InputStatus.MORE_AVAILABLE);
    assertThat(out.records).hasSize(FileSourceReader.MAX_LINES_PER_POLL);
    assertThat(fileReader.currentFile()).isEqualTo(file);
    assertThat(fileReader.lineNumber()).isEqualTo(FileSourceReader.MAX_LINES_PER_POLL);
    assertThat(fileReader.position()).isEqualTo(offsetAfterFirstPoll);

    SourceDriver.drain(reader, out);
    reader.close();
    assertThat(out.records).hasSize(lineCount);
    assertThat(out.records.get(lineCount - 1)).isEqualTo("line-" + (lineCount - 1) + "-é");
  }

  @Test
  void when_fileIsEmpty_then_readerEndsWithoutRecords() throws Exception {
    Path file = Files.createFile(dir.resolve("empty.txt"));

    assertThat(SourceDriver.readAll(FileSource.textLines(file).build()).records).isEmpty();
  }
}
