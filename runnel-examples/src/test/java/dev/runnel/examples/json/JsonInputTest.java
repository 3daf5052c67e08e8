package dev.runnel.examples.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.examples.FieldMapping;
import dev.runnel.examples.OrderFields;
import dev.runnel.examples.totals.OrderAmount;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a job's field is found in an input object: mapping, own name, alias. */
class JsonInputTest {
  private final ObjectMapper mapper = new ObjectMapper();

  private JsonInput input(String json, FieldMapping mapping) throws Exception {
    return new JsonInput((ObjectNode) mapper.readTree(json), OrderAmount.FIELDS, mapping);
  }

  @Test
  void when_objectHasTheOwnName_then_itWinsOverAnAlias() throws Exception {
    JsonInput in = input("{\"user_id\":\"old\",\"customer_id\":\"new\"}", FieldMapping.NONE);

    assertThat(in.text(OrderFields.CUSTOMER_ID)).isEqualTo("new");
  }

  @Test
  void when_onlyAnAliasIsPresent_then_theFirstPresentAliasIsRead() throws Exception {
    JsonInput in = input("{\"total\":1,\"total_amount\":2}", FieldMapping.NONE);

    assertThat(in.nameOf(OrderFields.AMOUNT)).isEqualTo("total_amount");
    assertThat(in.decimal(OrderFields.AMOUNT)).isEqualByComparingTo("2");
  }

  @Test
  void when_fieldIsMapped_then_onlyItsSourceIsRead() throws Exception {
    FieldMapping mapping =
        FieldMapping.parse(List.of("amount=price"), OrderAmount.FIELDS, "running-totals");
    JsonInput in = input("{\"amount\":1,\"price\":7}", mapping);

    assertThat(in.decimal(OrderFields.AMOUNT)).isEqualByComparingTo("7");
    assertThatThrownBy(() -> input("{\"amount\":1}", mapping).decimal(OrderFields.AMOUNT))
        .hasMessage("field 'price' is missing");
  }

  @Test
  void when_fieldIsMissingEverywhere_then_errorNamesTheJobsName() throws Exception {
    assertThatThrownBy(() -> input("{}", FieldMapping.NONE).text(OrderFields.CUSTOMER_ID))
        .hasMessage("field 'customer_id' is missing");
  }

  @Test
  void when_decoderReadsAnUndeclaredField_then_itIsABug() throws Exception {
    assertThatThrownBy(() -> input("{}", FieldMapping.NONE).text("category"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void when_mappingIsAJacksonAttribute_then_theRecordDecoderUsesIt() throws Exception {
    FieldMapping mapping = FieldMapping.parse(
        List.of("order_id=id", "customer_id=client"), OrderAmount.FIELDS, "running-totals");
    OrderAmount order = mapper.readerFor(OrderAmount.class)
        .withAttributes(JsonRecordDeserializer.attributes(mapping))
        .readValue("{\"id\":\"o1\",\"client\":\"c1\",\"amount\":2.50,\"timestamp\":0}");

    assertThat(order.orderId()).isEqualTo("o1");
    assertThat(order.customerId()).isEqualTo("c1");
    assertThat(order.json().has("client")).as("the object is kept as read").isTrue();
    assertThatThrownBy(() -> mapper.readValue(
            "{\"id\":\"o1\",\"client\":\"c1\",\"amount\":2.50,\"timestamp\":0}", OrderAmount.class))
        .isInstanceOf(JsonMappingException.class)
        .hasMessageContaining("field 'order_id' is missing");
  }
}
