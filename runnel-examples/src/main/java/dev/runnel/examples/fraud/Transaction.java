package dev.runnel.examples.fraud;

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
 * One card transaction, read from a JSON line such as
 * {@code {"transaction_id":"t-1","account_id":"a-7","amount":42.10,"country":"DE",
 * "timestamp":"2026-01-01T10:00:00Z"}}. {@code transaction_id}, {@code account_id}, {@code amount}
 * and {@code timestamp} (ISO-8601 instant or epoch milliseconds) are required; {@code country} is
 * optional. Written back as the object it was read from.
 */
@JsonDeserialize(using = Transaction.Decoder.class)
public record Transaction(String transactionId, String accountId, BigDecimal amount,
    String country, long timestamp, ObjectNode json) implements EventRecord {

  /** The fields a transaction is read from. */
  public static final List<JobField> FIELDS = List.of(
      JobField.required("transaction_id", Type.STRING, "the transaction's id"),
      JobField.required("account_id", Type.STRING, "the card account; the key"),
      JobField.required("amount", Type.DECIMAL, "the amount, kept exactly as written"),
      JobField.optional("country", Type.STRING, "where the card was used; read, not used"),
      JobField.required("timestamp", Type.TIMESTAMP, "when it happened (event time)"));

  /** A transaction with its JSON built from the fields, for tests and generators. */
  public static Transaction of(String transactionId, String accountId, BigDecimal amount,
      String country, long timestamp) {
    ObjectNode json = JsonNodeFactory.instance.objectNode()
        .put("transaction_id", transactionId)
        .put("account_id", accountId)
        .put("amount", amount)
        .put("country", country)
        .put("timestamp", EventTimestamps.format(timestamp));
    return new Transaction(transactionId, accountId, amount, country, timestamp, json);
  }

  @JsonValue
  @Override
  public ObjectNode json() {
    return json;
  }

  /** Reads a {@link Transaction} from its JSON object. */
  static final class Decoder extends JsonRecordDeserializer<Transaction> {
    private static final long serialVersionUID = 1L;

    Decoder() {
      super(Transaction.class, FIELDS);
    }

    @Override
    protected Transaction fromJson(JsonInput in) {
      return new Transaction(
          in.text("transaction_id"),
          in.text("account_id"),
          in.decimal("amount"),
          in.optionalText("country"),
          in.timestamp("timestamp"),
          in.json());
    }
  }
}
