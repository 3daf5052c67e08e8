package dev.runnel.examples.logs;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
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
 * One log entry, read from a JSON line such as {@code {"id":17,"service":"api",
 * "severity":"ERROR","message":"timeout","timestamp":"2026-01-01T10:00:00Z"}}. {@code id} (a
 * string or a number, kept as written), {@code severity} and {@code timestamp} are required;
 * {@code service} and {@code message} are optional. Written back as the object it was read from.
 */
@JsonDeserialize(using = LogEvent.Decoder.class)
public record LogEvent(JsonNode id, String service, String severity, String message,
    long timestamp, ObjectNode json) implements EventRecord {

  /** The fields a log entry is read from. */
  public static final List<JobField> FIELDS = List.of(
      JobField.required("id", Type.STRING_OR_NUMBER, "the entry's id, written back as given"),
      JobField.optional("service", Type.STRING, "the service that logged it; read, not used"),
      JobField.required("severity", Type.STRING, "only exactly ERROR counts"),
      JobField.optional("message", Type.STRING, "the text; read, not used"),
      JobField.required("timestamp", Type.TIMESTAMP, "when it was logged (event time)"));

  /** The severity that counts towards an alert. */
  public static final String ERROR = "ERROR";

  /** A log entry with its JSON built from the fields, for tests and generators. */
  public static LogEvent of(long id, String service, String severity, String message,
      long timestamp) {
    ObjectNode json = JsonNodeFactory.instance.objectNode()
        .put("id", id)
        .put("service", service)
        .put("severity", severity)
        .put("message", message)
        .put("timestamp", EventTimestamps.format(timestamp));
    return new LogEvent(json.get("id"), service, severity, message, timestamp, json);
  }

  /** Whether the severity is exactly {@value #ERROR}. */
  public boolean isError() {
    return ERROR.equals(severity);
  }

  @JsonValue
  @Override
  public ObjectNode json() {
    return json;
  }

  /** Reads a {@link LogEvent} from its JSON object. */
  static final class Decoder extends JsonRecordDeserializer<LogEvent> {
    private static final long serialVersionUID = 1L;

    Decoder() {
      super(LogEvent.class, FIELDS);
    }

    @Override
    protected LogEvent fromJson(JsonInput in) {
      in.text("id"); // checks that it is there, a string or a number
      return new LogEvent(
          in.value("id"),
          in.optionalText("service"),
          in.text("severity"),
          in.optionalText("message"),
          in.timestamp("timestamp"),
          in.json());
    }
  }
}
