package dev.runnel.connector.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.runnel.api.RunnelException;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
  @TempDir Path dir;

  record Reading(@JsonProperty("sensor_id") String sensorId, double value, List<String> tags) {}

  record Context(int subtaskIndex, int parallelism) implements SinkContext {
    @Override
    public String jobName() {
      return "test-job";
    }
  }

  @Test
  void when_recordsAreWrittenAsJsonLines_then_fileSourceReadsThemBackEqual() throws Exception {
    Path file = dir.resolve("out").resolve("nested").resolve("readings.jsonl");
    List<Reading> readings = List.of(
        new Reading("s-1", 21.5, List.of("kitchen")),
        new Reading("s-2 \"quoted\"\nnewline ü", -3.0, List.of()));
    FileSink<Reading> sink = FileSink.jsonLines(file);

    writeAll(sink, readings);

    assertThat(sink.maxParallelism()).isEqualTo(1);
    assertThat(Files.readAllLines(file)).hasSize(2)
        .first().asString().startsWith("{\"sensor_id\":\"s-1\"");
    assertThat(SourceDriver.readAll(FileSource.jsonLines(file, Reading.class).build()).records)
        .containsExactlyElementsOf(readings);
  }

  @Test
  void when_mapsAreWrittenAsJsonLines_then_eachMapIsOneLine() throws Exception {
    Path file = dir.resolve("maps.jsonl");

    writeAll(FileSink.<Map<String, Object>>jsonLines(file), List.of(Map.of("k", 1), Map.of()));

    assertThat(Files.readString(file)).isEqualTo("{\"k\":1}\n{}\n");
  }

  @Test
  void when_textLinesAreWritten_then_eachRecordIsOneUtf8Line() throws Exception {
    Path file = dir.resolve("out.txt");
    FileSink<String> sink = FileSink.textLines(file);

    writeAll(sink, List.of("alpha", "Grüße 🌍", ""));

    assertThat(sink.maxParallelism()).isEqualTo(1);
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("alpha\nGrüße 🌍\n\n");
  }

  @Test
  void when_fileExists_then_itIsTruncated() throws Exception {
    Path file = Files.writeString(dir.resolve("out.txt"), "old content that is longer\n");

    writeAll(FileSink.textLines(file), List.of("new"));

    assertThat(Files.readString(file)).isEqualTo("new\n");
  }

  @Test
  void when_closedTwiceAfterFinish_then_secondCloseDoesNothing() throws Exception {
    Path file = dir.resolve("out.txt");
    SinkWriter<String> writer = FileSink.textLines(file).createWriter(new Context(0, 1));
    writer.write("x");
    writer.finish();
    writer.close();
    writer.close();

    assertThat(Files.readString(file)).isEqualTo("x\n");
  }

  @Test
  void when_closedWithoutFinish_then_writtenRecordsAreKept() throws Exception {
    Path file = dir.resolve("out.txt");
    SinkWriter<String> writer = FileSink.textLines(file).createWriter(new Context(0, 1));
    writer.write("partial");
    writer.close();

    assertThat(Files.readString(file)).isEqualTo("partial\n");
  }

  @Test
  void when_fileCannotBeCreated_then_errorNamesTheFile() throws Exception {
    Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a directory");
    Path file = blocker.resolve("out.txt");

    assertThatThrownBy(() -> FileSink.textLines(file).createWriter(new Context(0, 1)))
        .isInstanceOf(RunnelException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void when_recordCannotBeEncoded_then_errorNamesTheFile() throws Exception {
    Path file = dir.resolve("out.jsonl");
    SinkWriter<Object> writer = FileSink.jsonLines(file).createWriter(new Context(0, 1));
    try {
      assertThatThrownBy(() -> writer.write(new Object()))
          .isInstanceOf(RunnelException.class)
          .hasMessageContaining(file.toString());
    } finally {
      writer.close();
    }
  }

  private static <T> void writeAll(FileSink<T> sink, List<? extends T> records) throws Exception {
    SinkWriter<T> writer = sink.createWriter(new Context(0, 1));
    try {
      for (T record : records) {
        writer.write(record);
      }
      writer.finish();
    } finally {
      writer.close();
    }
  }
}
