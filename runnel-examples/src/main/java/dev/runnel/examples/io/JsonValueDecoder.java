package dev.runnel.examples.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.ContextAttributes;
import dev.runnel.examples.FieldMapping;
import dev.runnel.examples.json.JsonRecordDeserializer;
import java.io.IOException;
import java.io.Serializable;

/**
 * Decodes a packaged job's input record from the bytes of one JSON object, a Kafka record's
 * value, exactly as a line of an input file is decoded: the job's own decoder, with the input
 * fields named as {@code --field} maps them. A value that cannot be decoded is rejected with the
 * reason in the plain words of the job's decoder ({@code field 'customer_id' is missing}, {@code
 * not valid JSON: …}), which becomes the dead letter's reason. Thread-safe.
 *
 * @param <T> record type
 */
final class JsonValueDecoder<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private final FieldMapping mapping;
  private transient volatile ObjectReader reader;

  JsonValueDecoder(Class<T> type, FieldMapping mapping) {
    this.type = type;
    this.mapping = mapping;
  }

  /**
   * The record {@code value} holds.
   *
   * @throws IllegalArgumentException with the reason if it is not a JSON object the job can read
   */
  T decode(byte[] value) {
    if (value == null) {
      throw new IllegalArgumentException("the record has no value (expected a JSON object)");
    }
    try {
      return reader().readValue(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(reason(e), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot be read: " + e.getMessage(), e);
    }
  }

  private ObjectReader reader() {
    ObjectReader r = reader;
    if (r == null) {
      // The mapping reaches the job's JsonRecordDeserializer as a context attribute, as it does
      // for a file source.
      r = new ObjectMapper().readerFor(type).with(ContextAttributes.getEmpty()
          .withSharedAttributes(JsonRecordDeserializer.attributes(mapping)));
      reader = r;
    }
    return r;
  }

  /** The decoder's own words when it gave them, else a syntax problem, else Jackson's. */
  private static String reason(JsonProcessingException e) {
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof StreamReadException syntax) {
        return "not valid JSON: " + syntax.getOriginalMessage();
      }
      if (t instanceof IllegalArgumentException own && own.getMessage() != null) {
        return own.getMessage();
      }
    }
    if (e instanceof JsonMappingException mapping && mapping.getOriginalMessage() != null) {
      return mapping.getOriginalMessage();
    }
    return "not valid JSON";
  }
}
