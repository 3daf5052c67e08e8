package dev.runnel.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The JSON shape of the job's input and output, as Jackson reads and writes it. */
class OrderJsonTest {
  private final ObjectMapper mapper = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Test
  void when_timestampIsIsoInstant_then_itIsKeptAsGiven() throws Exception {
    Order order = mapper.readValue(
        "{\"order_id\":\"o1\",\"user_id\":\"u1\",\"amount\":12.50,"
            + "\"timestamp\":\"2026-01-01T10:00:00.123Z\"}", Order.class);

    assertThat(order).isEqualTo(
        new Order("o1", "u1", new BigDecimal("12.50"), "2026-01-01T10:00:00.123Z"));
  }

  @Test
  void when_customerIdHasItsOwnName_then_itIsRead() throws Exception {
    Order order = mapper.readValue(
        "{\"order_id\":7,\"customer_id\":\"c1\",\"amount\":2}", Order.class);

    assertThat(order).isEqualTo(new Order("7", "c1", new BigDecimal("2"), null));
  }

  @Test
  void when_timestampIsEpochMillis_then_itIsKeptAsItsDigits() throws Exception {
    Order order = mapper.readValue(
        "{\"order_id\":\"o1\",\"user_id\":\"u1\",\"amount\":3,\"timestamp\":1767261600123}",
        Order.class);

    assertThat(order.timestamp()).isEqualTo("1767261600123");
    assertThat(order.amount()).isEqualByComparingTo("3");
  }

  @Test
  void when_unknownFieldsPresent_then_theyAreIgnored() throws Exception {
    Order order = mapper.readValue(
        "{\"order_id\":\"o1\",\"user_id\":\"u1\",\"amount\":1,\"coupon\":\"X\"}", Order.class);

    assertThat(order.timestamp()).isNull();
  }

  @Test
  void when_customerIdMissing_then_lineCannotBeDecodedNamingTheJobsName() {
    assertThatThrownBy(() -> mapper.readValue(
            "{\"order_id\":\"o1\",\"amount\":1,\"timestamp\":\"2026-01-01T10:00:00Z\"}",
            Order.class))
        .isInstanceOf(JsonMappingException.class)
        .hasMessageContaining("field 'customer_id' is missing");
  }

  @Test
  void when_oldNameUserIdIsNull_then_lineCannotBeDecodedNamingIt() {
    assertThatThrownBy(() -> mapper.readValue(
            "{\"order_id\":\"o1\",\"user_id\":null,\"amount\":1}", Order.class))
        .isInstanceOf(JsonMappingException.class)
        .hasMessageContaining("user_id");
  }

  @Test
  void when_amountIsNotANumber_then_lineCannotBeDecoded() {
    assertThatThrownBy(() -> mapper.readValue(
            "{\"order_id\":\"o1\",\"user_id\":\"u1\",\"amount\":\"lots\"}", Order.class))
        .isInstanceOf(JsonMappingException.class);
  }

  @Test
  void when_alertWritten_then_fieldsAreSnakeCaseInOrder() throws Exception {
    String json = mapper.writeValueAsString(new OrderAlert(
        "o1", "u1", new BigDecimal("12.50"), new BigDecimal("512.50"), 3, true));

    assertThat(json).isEqualTo("{\"order_id\":\"o1\",\"customer_id\":\"u1\",\"amount\":12.50,"
        + "\"total\":512.50,\"count\":3,\"alert\":true}");
  }
}
