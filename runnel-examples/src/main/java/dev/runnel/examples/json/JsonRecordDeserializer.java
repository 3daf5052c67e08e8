package dev.runnel.examples.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.examples.FieldMapping;
import dev.runnel.examples.JobField;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Decodes an input record of a packaged job from one JSON object, keeping the object itself (read
 * exactly, see {@link ExactJsonReader}) so that the record can be written back unchanged, to a
 * late-data file for instance. Subclasses read the fields through a {@link JsonInput}, in the
 * job's vocabulary: the {@link FieldMapping} of {@code --field} reaches the decoder as the Jackson
 * context attribute of {@link #attributes(FieldMapping)}, which the job gives its file source. An
 * {@link IllegalArgumentException} they throw becomes the cause of a mapping error, and its
 * message, in plain words naming the field ({@code field 'customer_id' is missing}), is the reason
 * the file source reports with the file and line.
 *
 * <p>Use it as {@code @JsonDeserialize(using = MyRecord.Decoder.class)} on the record, and give
 * the record a {@code @JsonValue} accessor returning the object.
 *
 * @param <T> record type
 */
public abstract class JsonRecordDeserializer<T> extends StdDeserializer<T> {
  private static final long serialVersionUID = 1L;

  private final List<JobField> fields;

  /** A decoder of {@code type}, whose input fields are {@code fields}. */
  protected JsonRecordDeserializer(Class<T> type, List<JobField> fields) {
    super(type);
    this.fields = List.copyOf(fields);
  }

  /**
   * The Jackson context attributes that pass {@code mapping} to the decoders of a source, for
   * {@code FileSource.jsonLines(path, type, attributes)}.
   */
  public static Map<Object, Object> attributes(FieldMapping mapping) {
    return Map.of(FieldMapping.class, mapping);
  }

  /** The record of {@code in}. @throws IllegalArgumentException if a field is wrong */
  protected abstract T fromJson(JsonInput in);

  @Override
  public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw JsonMappingException.from(p, "expected a JSON object");
    }
    ObjectNode json = (ObjectNode) ExactJsonReader.read(p);
    FieldMapping mapping = ctxt.getAttribute(FieldMapping.class) instanceof FieldMapping given
        ? given : FieldMapping.NONE;
    try {
      return fromJson(new JsonInput(json, fields, mapping));
    } catch (IllegalArgumentException e) {
      // As the cause, so that the file source reports its message alone, in these plain words.
      throw JsonMappingException.from(p, e.getMessage(), e);
    }
  }
}
