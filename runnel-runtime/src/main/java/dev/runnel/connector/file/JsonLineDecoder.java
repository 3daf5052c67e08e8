package dev.runnel.connector.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes a line holding one JSON object, with Jackson. Anything else on the line (a bare value, an
 * array, a second document) is rejected, because a JSON-lines file has one object per line. The
 * reason a line is rejected is in plain words ({@link JsonDecodeReason}).
 *
 * <p>Thread-safe: an {@link ObjectReader} is immutable once built.
 *
 * @param <T> record type
 */
final class JsonLineDecoder<T> implements LineDecoder<T> {
  private final ObjectReader reader;

  private JsonLineDecoder(ObjectReader reader) {
    this.reader = reader;
  }

  /** Each line becomes a {@link LinkedHashMap}, keeping the order of the object's fields. */
  static JsonLineDecoder<Map<String, Object>> toMap() {
    ObjectMapper mapper = newMapper();
    ObjectReader reader = mapper.readerFor(
        mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
    return new JsonLineDecoder<>(reader);
  }

  /** Each line becomes a {@code type}: a record or a bean; properties it lacks are ignored. */
  static <T> JsonLineDecoder<T> to(Class<T> type) {
    return new JsonLineDecoder<>(newMapper().readerFor(type));
  }

  /** As {@link #to(Class)}, its deserializer seeing {@code attributes} as context attributes. */
  static <T> JsonLineDecoder<T> to(Class<T> type, Map<?, ?> attributes) {
    return new JsonLineDecoder<>(newMapper().readerFor(type).withAttributes(attributes));
  }

  /**
   * One mapper per source. Unknown properties are ignored because input files usually carry more
   * fields than a job needs.
   */
  private static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  @Override
  public T decode(String line) throws UndecodableLineException {
    try (JsonParser parser = reader.createParser(line)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new UndecodableLineException(
            "expected a JSON object but found " + describe(first), null);
      }
      T value = reader.readValue(parser);
      if (parser.nextToken() != null) {
        throw new UndecodableLineException("unexpected content after the JSON object", null);
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new UndecodableLineException(JsonDecodeReason.of(e, line), e);
    } catch (IOException e) {
      // Parsing a String does no I/O; kept so a surprise is still reported against the line.
      throw new UndecodableLineException("cannot read the line: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean skipsBlankLines() {
    return true;
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }
}
