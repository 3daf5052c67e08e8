package dev.runnel.kafka.source.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.runnel.kafka.source.KafkaRecordDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record's value as one JSON object, read by Jackson into a type. Anything else (a bare value,
 * an array, trailing content) is rejected with a reason in plain words, naming the field at fault.
 * Unknown properties are ignored: topics usually carry more fields than a job needs.
 * Thread-safe: an {@link ObjectReader} is immutable.
 *
 * @param <T> the type read
 */
public final class JsonValueDeserializer<T> implements KafkaRecordDeserializer<T> {
  private final ObjectReader reader;

  public JsonValueDeserializer(Class<T> type) {
    this.reader = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build()
        .readerFor(type);
  }

  @Override
  public T deserialize(ConsumerRecord<byte[], byte[]> record) throws Exception {
    byte[] value = record.value();
    if (value == null) {
      return null; // a tombstone carries no object
    }
    try (JsonParser parser = reader.createParser(value)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("expected a JSON object but found "
            + (first == null ? "nothing" : describe(first)));
      }
      T result = reader.readValue(parser);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("unexpected content after the JSON object");
      }
      return result;
    } catch (JsonMappingException e) {
      String field = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1)
          .getFieldName();
      throw new IllegalArgumentException((field == null ? "" : "field '" + field + "': ")
          + e.getOriginalMessage().lines().findFirst().orElse(""), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
    }
  }

  private static String describe(JsonToken token) {
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
