package dev.runnel.examples.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Decodes an input record of a packaged job from one JSON object, keeping the object itself (read
 * exactly, see {@link ExactJsonReader}) so that the record can be written back unchanged, to a
 * late-data file for instance. Subclasses read the fields with {@link JsonFields}; an {@link
 * IllegalArgumentException} they throw becomes the cause of a mapping error, and its message, in
 * plain words naming the field ({@code field 'user_id' is missing}), is the reason the file source
 * reports with the file and line.
 *
 * <p>Use it as {@code @JsonDeserialize(using = MyRecord.Decoder.class)} on the record, and give
 * the record a {@code @JsonValue} accessor returning the object.
 *
 * @param <T> record type
 */
public abstract class JsonRecordDeserializer<T> extends StdDeserializer<T> {
  private static final long serialVersionUID = 1L;

  protected JsonRecordDeserializer(Class<T> type) {
    super(type);
  }

  /** The record of {@code json}. @throws IllegalArgumentException if a field is wrong */
  protected abstract T fromJson(ObjectNode json);

  @Override
  public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw JsonMappingException.from(p, "expected a JSON object");
    }
    ObjectNode json = (ObjectNode) ExactJsonReader.read(p);
    try {
      return fromJson(json);
    } catch (IllegalArgumentException e) {
      // As the cause, so that the file source reports its message alone, in these plain words.
      throw JsonMappingException.from(p, e.getMessage(), e);
    }
  }
}
