package dev.runnel.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class EventTimestampsTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void when_isoInstantOrEpochMillis_then_sameMillis() {
    assertThat(EventTimestamps.parse(NODES.textNode("2026-01-01T10:00:00.123Z")))
        .isEqualTo(1767261600123L);
    assertThat(EventTimestamps.parse(NODES.numberNode(1767261600123L))).isEqualTo(1767261600123L);
    assertThat(EventTimestamps.parse(NODES.textNode("1767261600123"))).isEqualTo(1767261600123L);
    assertThat(EventTimestamps.parse(NODES.textNode("2026-01-01T11:00:00.123+01:00")))
        .isEqualTo(1767261600123L);
  }

  @Test
  void when_notATimestamp_then_messageQuotesIt() {
    assertThatThrownBy(() -> EventTimestamps.parse(NODES.textNode("yesterday")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"yesterday\"");
    assertThatThrownBy(() -> EventTimestamps.parse(NODES.numberNode(1.5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
    assertThatThrownBy(() -> EventTimestamps.parse(NODES.booleanNode(true)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void when_formatted_then_isoUtc() {
    assertThat(EventTimestamps.format(1767261600123L)).isEqualTo("2026-01-01T10:00:00.123Z");
    assertThat(EventTimestamps.format(1767261600000L)).isEqualTo("2026-01-01T10:00:00Z");
  }
}
