package dev.runnel.connector.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.RunnelException;
import dev.runnel.api.connector.DeadLetter;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The path {@code -}: standard input for a {@link FileSource}, standard output for a sink. */
class StandardStreamsTest {
  private InputStream originalIn;
  private PrintStream originalOut;

  record Context(int subtaskIndex, int parallelism, boolean isCheckpointingEnabled)
      implements SinkContext {
    @Override
    public String jobName() {
      return "test-job";
    }
  }

  @BeforeEach
  void keepStreams() {
    originalIn = System.in;
    originalOut = System.out;
  }

  @AfterEach
  void restoreStreams() {
    System.setIn(originalIn);
    System.setOut(originalOut);
  }

  @Test
  void when_pathIsDash_then_sourceReadsStandardInputAndNamesItInDeadLetters() throws Exception {
    System.setIn(new ByteArrayInputStream(
        "{\"a\":1}\nnope\n{\"a\":3}\n".getBytes(StandardCharsets.UTF_8)));
    FileSource<Map<String, Object>> source = FileSource.jsonLines(FileSource.STANDARD_INPUT)
        .onBadRecord(BadRecordPolicy.DEAD_LETTER).build();

    RecordingOutput<Map<String, Object>> out = SourceDriver.readAll(source);

    assertThat(out.records).containsExactly(Map.of("a", 1), Map.of("a", 3));
    assertThat(out.sideOutput(FileSource.DEAD_LETTERS)).extracting(DeadLetter::source)
        .containsExactly("<stdin>");
    assertThat(source.supportsCheckpoints()).isFalse();
  }

  @Test
  void when_sinkPathIsDash_then_eachLineReachesStandardOutputAsItIsWritten() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, false, StandardCharsets.UTF_8));
    SinkWriter<String> writer =
        FileSink.textLines(FileSink.STANDARD_OUTPUT).createWriter(new Context(0, 1, false));

    writer.write("first ü");
    String afterOneRecord = captured.toString(StandardCharsets.UTF_8);
    writer.write("second");
    writer.finish();
    writer.close();
    System.out.println("still open");

    assertThat(afterOneRecord).as("flushed per record, not held in a buffer")
        .isEqualTo("first ü\n");
    assertThat(captured.toString(StandardCharsets.UTF_8).lines())
        .containsExactly("first ü", "second", "still open");
  }

  @Test
  void when_sinkPathIsDashWithCheckpoints_then_writerCannotBeCreated() {
    FileSink<String> sink = FileSink.textLines(FileSink.STANDARD_OUTPUT);

    assertThatThrownBy(() -> sink.createWriter(new Context(0, 1, true)))
        .isInstanceOf(RunnelException.class)
        .hasMessageContaining("cannot write to standard output");
  }

  @Test
  void when_standardOutputIsClosed_then_writingFailsPlainly() {
    PrintStream broken = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    }, false, StandardCharsets.UTF_8);
    System.setOut(broken);
    SinkWriter<String> writer =
        FileSink.textLines(FileSink.STANDARD_OUTPUT).createWriter(new Context(0, 1, false));

    assertThatThrownBy(() -> writer.write("x"))
        .isInstanceOf(RunnelException.class)
        .hasMessageContaining("cannot write to standard output")
        .hasMessageContaining("closed");
  }
}
