package dev.runnel.connector.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.connector.DeadLetter;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.SourceReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines that are not valid UTF-8, and what a reader hands on before it fails on a bad line. */
class FileSourceBadLinesTest {
  @TempDir Path dir;

  @Test
  void when_jsonLineHasInvalidUtf8_then_itIsADeadLetterWithTheByteAndNotANewKey()
      throws Exception {
    Path file = write(bytes("{\"user\":\"u-1\"}\n{\"user\":\"u-"), new byte[] {(byte) 0xC3, '('},
        bytes("\"}\n{\"user\":\"u-2\"}\n"));

    RecordingOutput<Map<String, Object>> out = SourceDriver.readAll(
        FileSource.jsonLines(file).onBadRecord(BadRecordPolicy.DEAD_LETTER).build());

    assertThat(out.records).containsExactly(Map.of("user", "u-1"), Map.of("user", "u-2"));
    DeadLetter letter = out.sideOutput(FileSource.DEAD_LETTERS).get(0);
    assertThat(letter.position()).isEqualTo(2);
    assertThat(letter.reason()).isEqualTo("invalid UTF-8 at byte 12 of the line");
    assertThat(letter.raw()).isEqualTo("{\"user\":\"u-\uFFFD(\"}");
  }

  @Test
  void when_textLineHasInvalidUtf8UnderFailPolicy_then_errorNamesFileLineAndByte()
      throws Exception {
    Path file = write(bytes("fine\nalso fine\nbad "), new byte[] {(byte) 0xFF}, bytes("\n"));

    assertThatThrownBy(() -> SourceDriver.readAll(FileSource.textLines(file).build()))
        .isInstanceOf(RecordDecodingException.class)
        .hasMessage(file + ":3: invalid UTF-8 at byte 5 of the line");
  }

  @Test
  void when_aLineIsBadUnderFailPolicy_then_theLinesBeforeItAreHandedOnBeforeTheFailure()
      throws Exception {
    Path file = write(bytes("{\"a\":1}\n{\"a\":2}\n{oops\n{\"a\":4}\n"));
    SourceReader<Map<String, Object>> reader =
        FileSource.jsonLines(file).build().createReader(new SourceDriver.Context(0, 1));
    RecordingOutput<Map<String, Object>> out = new RecordingOutput<>();
    reader.open();

    InputStatus first = reader.pollNext(out);
    List<Object> atCheckpoint = List.copyOf(reader.snapshotState(1));

    assertThat(first).isEqualTo(InputStatus.MORE_AVAILABLE);
    assertThat(out.records).containsExactly(Map.of("a", 1), Map.of("a", 2));
    assertThat(atCheckpoint).as("a checkpoint now must not skip the bad line")
        .containsExactly(new FileSource.SplitState(file.toString(), 16, 2, false));
    assertThatThrownBy(() -> reader.pollNext(out))
        .isInstanceOf(RecordDecodingException.class)
        .hasMessageStartingWith(file + ":3: not valid JSON");
    reader.close();
  }

  private Path write(byte[]... parts) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.write(part);
    }
    return Files.write(dir.resolve("in.jsonl"), all.toByteArray());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
