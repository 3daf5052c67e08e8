package dev.runnel.examples.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Decoding a transaction, and writing it back unchanged. */
class TransactionJsonTest {
  // Configured as the file source configures its mapper.
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @Test
  void when_decoded_then_fieldsAreTypedAndTheObjectWritesBackAsRead() throws Exception {
    String line = "{\"transaction_id\":7,\"account_id\":\"a\",\"amount\":12.50,"
        + "\"country\":\"DE\",\"timestamp\":1767261600123,\"extra\":[1.10,{\"x\":null}]}";

    Transaction tx = MAPPER.readValue(line, Transaction.class);

    assertThat(tx.transactionId()).isEqualTo("7");
    assertThat(tx.amount()).isEqualTo(new BigDecimal("12.50"));
    assertThat(tx.timestamp()).isEqualTo(1767261600123L);
    assertThat(MAPPER.writeValueAsString(tx)).isEqualTo(line);
  }

  @Test
  void when_timestampIsBad_then_decodingFailsNamingTheField() {
    String line = "{\"transaction_id\":\"t\",\"account_id\":\"a\",\"amount\":1,"
        + "\"timestamp\":\"soon\"}";

    assertThatThrownBy(() -> MAPPER.readValue(line, Transaction.class))
        .isInstanceOf(JsonMappingException.class)
        .hasMessageContaining("field 'timestamp'").hasMessageContaining("\"soon\"");
  }

  @Test
  void when_amountMissing_then_decodingFails() {
    assertThatThrownBy(() -> MAPPER.readValue(
        "{\"transaction_id\":\"t\",\"account_id\":\"a\",\"timestamp\":0}", Transaction.class))
        .isInstanceOf(JsonMappingException.class)
        .hasMessageContaining("field 'amount' is missing");
  }
}
