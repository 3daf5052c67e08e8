package dev.runnel.examples.activity;

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
import java.math.BigDecimal;
import java.util.List;

/**
 * One user action, read from a JSON line such as {@code {"user_id":"u-7","action":"transaction",
 * "amount":12.50,"timestamp":"2026-01-01T10:00:00Z"}}. {@code user_id}, {@code action} and {@code
 * timestamp} are required; {@code amount} is required for a {@value #TRANSACTION} and may be left
 * out (null) for other actions; it is kept exactly as written. Written back as the object it was
 * read from.
 */
@JsonDeserialize(using = UserActivity.Decoder.class)
public record UserActivity(String userId, String action, BigDecimal amount, long timestamp,
    ObjectNode json) implements EventRecord {

  /** The action whose amounts are counted. */
  public static final String TRANSACTION = "transaction";

  /** The fields a user action is read from. */
  public static final List<JobField> FIELDS = List.of(
      JobField.required("user_id", Type.STRING, "the user; the key"),
      JobField.required("action", Type.STRING, "only exactly transaction counts"),
      JobField.optional("amount", Type.DECIMAL,
          "required for a transaction, kept exactly as written"),
      JobField.required("timestamp", Type.TIMESTAMP, "when it happened (event time)"));

  /** An action with its JSON built from the fields, for tests and generators. */
  public static UserActivity of(String userId, String action, BigDecimal amount, long timestamp) {
    ObjectNode json = JsonNodeFactory.instance.objectNode()
        .put("user_id", userId)
        .put("action", action)
        .put("amount", amount)
        .put("timestamp", EventTimestamps.format(timestamp));
    return new UserActivity(userId, action, amount, timestamp, json);
  }

  /** True if this is a transaction (action exactly {@value #TRANSACTION}). */
  public boolean isTransaction() {
    return TRANSACTION.equals(action);
  }

  @JsonValue
  @Override
  public ObjectNode json() {
    return json;
  }

  /** Reads a {@link UserActivity} from its JSON object. */
  static final class Decoder extends JsonRecordDeserializer<UserActivity> {
    private static final long serialVersionUID = 1L;

    Decoder() {
      super(UserActivity.class, FIELDS);
    }

    @Override
    protected UserActivity fromJson(JsonInput in) {
      String action = in.text("action");
      BigDecimal amount = TRANSACTION.equals(action) || in.hasValue("amount")
          ? in.decimal("amount")
          : null;
      return new UserActivity(
          in.text("user_id"),
          action,
          amount,
          in.timestamp("timestamp"),
          in.json());
    }
  }
}
