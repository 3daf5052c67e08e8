package dev.runnel.examples.fraud;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * One suspicious transaction: {@code {"transaction_id","account_id","type","amount","timestamp"}}
 * with {@code type} {@code AMOUNT_SPIKE} or {@code VELOCITY} and the timestamp as an ISO-8601
 * instant in UTC.
 */
@JsonPropertyOrder({"transaction_id", "account_id", "type", "amount", "timestamp"})
public record FraudAlert(
    @JsonProperty("transaction_id") String transactionId,
    @JsonProperty("account_id") String accountId,
    @JsonProperty("type") Type type,
    @JsonProperty("amount") BigDecimal amount,
    @JsonProperty("timestamp") String timestamp) {

  /** Why a transaction is suspicious. */
  public enum Type {
    /** Its amount is more than three times the account's previous amount. */
    AMOUNT_SPIKE,
    /** The account made three or more transactions within 60 seconds up to this one. */
    VELOCITY
  }
}
