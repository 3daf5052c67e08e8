package dev.runnel.connector.file;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads UTF-8 lines from a byte stream and knows the byte offset where the next line starts, so a
 * reader can later resume from that offset ({@link #open(Path, long)}). {@link
 * java.io.BufferedReader} cannot say where it is in bytes, hence this class.
 *
 * <p>Lines end with {@code \n} or {@code \r\n}; the terminator is not part of the line. The last
 * line may lack a terminator. Splitting on the byte {@code \n} is safe in UTF-8, where that byte
 * never occurs inside a multi-byte character; each line's bytes are decoded whole. A line that is
 * not valid UTF-8 is still returned, with U+FFFD for the bad bytes, so that it can be shown in a
 * dead letter; {@link #invalidUtf8At()} then says where its first bad byte is, and the caller
 * decides what the line is worth (the file source makes it a bad record). A UTF-8 byte order mark
 * at the start of the file is skipped, as editors on Windows write one.
 *
 * <p>Files that cannot seek (pipes, terminals, {@code /dev/stdin}) are read as streams: from their
 * start only.
 *
 * <p>Not thread-safe.
 */
final class LineReader implements Closeable {
  static final int DEFAULT_BUFFER_SIZE = 64 * 1024;

  private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final InputStream in;
  private final byte[] buffer;
  /** Next unread byte in {@link #buffer}. */
  private int start;
  /** End of the valid bytes in {@link #buffer}. */
  private int end;
  /** Bytes of a line that spans more than one buffer fill. */
  private byte[] carried = new byte[128];
  private int carriedLength;
  /** File offset where the next line starts; mid-line only while {@link #readLine} runs. */
  private long position;
  private boolean atFileStart;
  /** True for pipes and terminals, where a read waits until the writer writes. */
  private final boolean stream;
  /** Index of the first byte of the last line read that is not valid UTF-8, or -1. */
  private int invalidUtf8At = -1;

  /**
   * @param in the bytes to read, positioned at {@code position}
   * @param position the file offset {@code in} starts at; 0 for the start of the file
   */
  LineReader(InputStream in, long position) {
    this(in, position, DEFAULT_BUFFER_SIZE);
  }

  LineReader(InputStream in, long position, int bufferSize) {
    this(in, position, bufferSize, false);
  }

  private LineReader(InputStream in, long position, int bufferSize, boolean stream) {
    if (bufferSize < BYTE_ORDER_MARK.length) {
      throw new IllegalArgumentException("buffer size must be >= 3, was " + bufferSize);
    }
    this.in = in;
    this.position = position;
    this.buffer = new byte[bufferSize];
    this.atFileStart = position == 0;
    this.stream = stream;
  }

  /** A reader of a stream that may wait for its writer (a pipe, a terminal). */
  static LineReader ofStream(InputStream in) {
    return new LineReader(in, 0, DEFAULT_BUFFER_SIZE, true);
  }

  /**
   * Opens {@code file} to read its lines from byte offset {@code position}, a line's start. {@link
   * FileSource#STANDARD_INPUT} reads standard input; it and files that are not regular files (a
   * named pipe, {@code /dev/stdin}) are read as streams, which can only start at 0.
   *
   * @throws IOException if the file cannot be opened, or a stream is asked for a later position
   */
  static LineReader open(Path file, long position) throws IOException {
    if (file.equals(FileSource.STANDARD_INPUT)) {
      requireStart(file, position);
      // Not closed with the reader: standard input belongs to the process, not to one source.
      return ofStream(new FilterInputStream(System.in) {
        @Override
        public void close() {}
      });
    }
    if (!Files.isRegularFile(file)) {
      requireStart(file, position);
      return ofStream(Files.newInputStream(file));
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      channel.position(position);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return new LineReader(Channels.newInputStream(channel), position);
  }

  private static void requireStart(Path file, long position) throws IOException {
    if (position > 0) {
      throw new IOException("cannot resume at byte " + position + ": " + file
          + " is not a regular file, so it can only be read once, from its start");
    }
  }

  /**
   * The next line without its terminator, or null at the end of the stream. Bytes that are not
   * valid UTF-8 become U+FFFD; see {@link #invalidUtf8At()}.
   */
  String readLine() throws IOException {
    carriedLength = 0;
    invalidUtf8At = -1;
    while (true) {
      if (start == end && !fill()) {
        return carriedLength == 0 ? null : decode(carried, 0, carriedLength);
      }
      int newline = indexOfNewline();
      if (newline >= 0) {
        int length = newline - start;
        String line;
        if (carriedLength == 0) {
          line = decode(buffer, start, withoutCarriageReturn(buffer, start, length));
        } else {
          carry(start, length);
          line = decode(carried, 0, withoutCarriageReturn(carried, 0, carriedLength));
        }
        position += length + 1;
        start = newline + 1;
        return line;
      }
      carry(start, end - start);
      position += end - start;
      start = end;
    }
  }

  /**
   * True if {@link #readLine} would wait for a stream's writer: no whole line is buffered and no
   * bytes are ready. Always false for regular files, whose reads do not wait.
   */
  boolean wouldBlock() throws IOException {
    return stream && indexOfNewline() < 0 && in.available() == 0;
  }

  /**
   * The 0-based index, within the last line {@link #readLine} returned, of its first byte that is
   * not valid UTF-8; -1 if the line is valid.
   */
  int invalidUtf8At() {
    return invalidUtf8At;
  }

  /** Byte offset in the file where the next line starts (the file's size once all are read). */
  long position() {
    return position;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buffer, 0, buffer.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    start = 0;
    end = n;
    if (atFileStart) {
      atFileStart = false;
      if (n >= BYTE_ORDER_MARK.length
          && Arrays.equals(buffer, 0, 3, BYTE_ORDER_MARK, 0, 3)) {
        start = BYTE_ORDER_MARK.length;
        position += BYTE_ORDER_MARK.length;
      }
    }
    return true;
  }

  private int indexOfNewline() {
    for (int i = start; i < end; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void carry(int from, int length) {
    if (carriedLength + length > carried.length) {
      carried = Arrays.copyOf(carried, Math.max(carried.length * 2, carriedLength + length));
    }
    System.arraycopy(buffer, from, carried, carriedLength, length);
    carriedLength += length;
  }

  private static int withoutCarriageReturn(byte[] bytes, int from, int length) {
    return length > 0 && bytes[from + length - 1] == '\r' ? length - 1 : length;
  }

  private String decode(byte[] bytes, int from, int length) {
    String line = new String(bytes, from, length, StandardCharsets.UTF_8);
    // The fast decoder replaces bad bytes silently; only a line with a replacement character can
    // hold any, and the slow check tells a bad byte from a U+FFFD written in the file.
    if (line.indexOf('\uFFFD') >= 0) {
      invalidUtf8At = firstInvalidByte(bytes, from, length);
    }
    return line;
  }

  /** Index, relative to {@code from}, of the first byte that is not valid UTF-8; -1 if none. */
  private static int firstInvalidByte(byte[] bytes, int from, int length) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, length);
    CharBuffer out = CharBuffer.allocate(length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      return in.position() - from;
    }
    result = decoder.flush(out);
    return result.isError() ? in.position() - from : -1;
  }
}
