package dev.runnel.examples.words;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.examples.EventRecord;
import dev.runnel.examples.EventTimestamps;
import dev.runnel.examples.JobField;
import dev.runnel.examples.JobField.Type;
import dev.runnel.examples.json.JsonInput;
import dev.runnel.examples.json.JsonRecordDeserializer;
import java.util.List;

/**
 * One word seen at an event time, read from a JSON line such as {@code {"word":"stream",
 * "timestamp":"2026-01-01T10:00:00Z"}}; both fields are required, other fields are ignored. The
 * word is counted exactly as written (case-sensitive). Written back as the object it was read from.
 */
@JsonDeserialize(using = WordEvent.Decoder.class)
public record WordEvent(String word, long timestamp, ObjectNode json) implements EventRecord {

  /** The fields a word is read from. */
  public static final List<JobField> FIELDS = List.of(
      JobField.required("word", Type.STRING, "counted as written (case-sensitive, not trimmed)"),
      JobField.required("timestamp", Type.TIMESTAMP, "when it was seen (event time)"));

  /** A word event with its JSON built from the fields, for tests and generators. */
  public static WordEvent of(String word, long timestamp) {
    ObjectNode json = JsonNodeFactory.instance.objectNode()
        .put("word", word)
        .put("timestamp", EventTimestamps.format(timestamp));
    return new WordEvent(word, timestamp, json);
  }

  @JsonValue
  @Override
  public ObjectNode json() {
    return json;
  }

  /** Reads a {@link WordEvent} from its JSON object. */
  static final class Decoder extends JsonRecordDeserializer<WordEvent> {
    private static final long serialVersionUID = 1L;

    Decoder() {
      super(WordEvent.class, FIELDS);
    }

    @Override
    protected WordEvent fromJson(JsonInput in) {
      return new WordEvent(
          in.text("word"),
          in.timestamp("timestamp"),
          in.json());
    }
  }
}
