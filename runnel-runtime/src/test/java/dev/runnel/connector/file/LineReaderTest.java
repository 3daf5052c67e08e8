package dev.runnel.connector.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineReaderTest {
  @TempDir Path dir;

  @Test
  void when_linesEndWithLfOrCrLf_then_terminatorsAreNotPartOfLines() throws IOException {
    assertThat(readAll("a\nb\r\nc\r\n", 64)).containsExactly("a", "b", "c");
  }

  @Test
  void when_lastLineHasNoNewline_then_itIsStillRead() throws IOException {
    assertThat(readAll("first\nlast", 64)).containsExactly("first", "last");
  }

  @Test
  void when_linesAreEmpty_then_theyAreReadAsEmptyStrings() throws IOException {
    assertThat(readAll("\n\r\nx\n\n", 64)).containsExactly("", "", "x", "");
  }

  @Test
  void when_streamIsEmpty_then_thereAreNoLines() throws IOException {
    assertThat(readAll("", 64)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 7, 64})
  void when_multiByteCharsStraddleBufferFills_then_theyDecodeWhole(int bufferSize)
      throws IOException {
    String text = "äöü€𝄞\r\nnaïve café\n日本語のテキスト";
    assertThat(readAll(text, bufferSize))
        .containsExactly("äöü€𝄞", "naïve café", "日本語のテキスト");
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 64})
  void when_crLfIsSplitAcrossBufferFills_then_carriageReturnIsStillRemoved(int bufferSize)
      throws IOException {
    assertThat(readAll("ab\r\ncd\r\n", bufferSize)).containsExactly("ab", "cd");
  }

  @Test
  void when_linesAreRead_then_positionIsByteOffsetOfNextLine() throws IOException {
    // "ü" and "€" take 2 and 3 bytes in UTF-8
    byte[] bytes = "a\r\nü\n€x\nend".getBytes(StandardCharsets.UTF_8);
    LineReader reader = new LineReader(new ByteArrayInputStream(bytes), 0, 4);
    List<Long> positions = new ArrayList<>();
    while (reader.readLine() != null) {
      positions.add(reader.position());
    }
    assertThat(positions).containsExactly(3L, 6L, 11L, 14L);
    assertThat(reader.position()).isEqualTo(bytes.length);
  }

  @Test
  void when_openedAtSavedPosition_then_resumesWithNextLine() throws IOException {
    Path file = write("one\r\nzwei ü\nthree\n");
    long afterSecond;
    try (LineReader reader = LineReader.open(file, 0)) {
      reader.readLine();
      reader.readLine();
      afterSecond = reader.position();
    }
    try (LineReader resumed = LineReader.open(file, afterSecond)) {
      assertThat(resumed.readLine()).isEqualTo("three");
      assertThat(resumed.readLine()).isNull();
      assertThat(resumed.position()).isEqualTo(Files.size(file));
    }
  }

  @Test
  void when_fileStartsWithByteOrderMark_then_markIsSkippedAndCounted() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, bytes, 0, bom.length);
    System.arraycopy(text, 0, bytes, bom.length, text.length);

    LineReader reader = new LineReader(new ByteArrayInputStream(bytes), 0);
    assertThat(reader.readLine()).isEqualTo("{\"a\":1}");
    assertThat(reader.position()).isEqualTo(bytes.length);
  }

  @Test
  void when_lineIsLongerThanBuffer_then_itIsReadWhole() throws IOException {
    String longLine = "x".repeat(10_000);
    assertThat(readAll(longLine + "\nshort\n", 16)).containsExactly(longLine, "short");
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 5, 64})
  void when_lineHasInvalidUtf8_then_itIsReadWithReplacementAndTheFirstBadByteIsTold(
      int bufferSize) throws IOException {
    byte[] bytes = concat("ok\nu-".getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xC3, '('}, "\n\uFFFD real\n€ü\n".getBytes(StandardCharsets.UTF_8));
    LineReader reader = new LineReader(new ByteArrayInputStream(bytes), 0, bufferSize);

    assertThat(reader.readLine()).isEqualTo("ok");
    assertThat(reader.invalidUtf8At()).isEqualTo(-1);
    assertThat(reader.readLine()).isEqualTo("u-\uFFFD(");
    assertThat(reader.invalidUtf8At()).isEqualTo(2);
    assertThat(reader.position()).isEqualTo(8);
    assertThat(reader.readLine()).as("U+FFFD written in the file is valid")
        .isEqualTo("\uFFFD real");
    assertThat(reader.invalidUtf8At()).isEqualTo(-1);
    assertThat(reader.readLine()).isEqualTo("€ü");
    assertThat(reader.invalidUtf8At()).isEqualTo(-1);
    assertThat(reader.position()).isEqualTo(bytes.length);
  }

  @Test
  void when_lastLineEndsInsideAMultiByteCharacter_then_itIsInvalidAtThatByte() throws IOException {
    byte[] bytes =
        concat("abc".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE2, (byte) 0x82});
    LineReader reader = new LineReader(new ByteArrayInputStream(bytes), 0, 64);

    assertThat(reader.readLine()).startsWith("abc");
    assertThat(reader.invalidUtf8At()).isEqualTo(3);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  private static List<String> readAll(String text, int bufferSize) throws IOException {
    LineReader reader = new LineReader(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 0, bufferSize);
    List<String> lines = new ArrayList<>();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lines.add(line);
    }
    return lines;
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("in.txt"), text, StandardCharsets.UTF_8);
  }
}
