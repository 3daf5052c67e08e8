package dev.runnel.kafka.source.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding: bytes that are not valid UTF-8 are an error naming the first bad byte,
 * because silently replacing them with U+FFFD would turn a broken key into a different, valid one.
 */
public final class Utf8 {
  private Utf8() {}

  /**
   * Decodes {@code bytes}.
   *
   * @param what what the bytes are ("key", "value"), for the message
   * @throws IllegalArgumentException saying which byte is not UTF-8
   */
  public static String decode(byte[] bytes, String what) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    var result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new IllegalArgumentException(
          what + " is not valid UTF-8 at byte " + (in.position() + 1) + " of " + bytes.length);
    }
    result = decoder.flush(out);
    if (result.isError()) {
      throw new IllegalArgumentException(what + " is not valid UTF-8 at its end");
    }
    return out.flip().toString();
  }

}
