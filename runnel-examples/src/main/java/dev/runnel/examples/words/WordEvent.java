package dev.runnel.examples.words;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.examples.EventRecord;
import dev.runnel.examples.EventTimestamps;
import dev.runnel.examples.json.JsonFields;
import dev.runnel.examples.json.JsonRecordDeserializer;

/**
 * One word seen at an event time, read from a JSON line such as {@code {"word":"stream",
 * "timestamp":"2026-01-01T10:00:00Z"}}; both fields are required, other fields are ignored. The
 * word is counted exactly as written (case-sensitive). Written back as the object it was read from.
 */
@JsonDeserialize(using = WordEvent.Decoder.class)
public record WordEvent(String word, long timestamp, ObjectNode json) implements EventRecord {

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
      super(WordEvent.class);
    }

    @Override
    protected WordEvent fromJson(ObjectNode json) {
      return new WordEvent(
          JsonFields.text(json, "word"),
          JsonFields.timestamp(json, "timestamp"),
          json);
    }
  }
}
