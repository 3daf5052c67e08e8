package dev.runnel.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.StateTtlConfig;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeapKeyedStateBackendTest {
  private final StateTestSupport s = new StateTestSupport();

  @Test
  void when_sameNameRequestedTwice_then_sameStateReturned() throws Exception {
    ValueState<Long> first = s.backend.getState(new ValueStateDescriptor<>("count", Long.class));
    ValueState<Long> second = s.backend.getState(new ValueStateDescriptor<>("count", Long.class));
    assertThat(second).isSameAs(first);
    s.key("a");
    first.update(3L);
    assertThat(second.value()).isEqualTo(3L);
  }

  @Test
  void when_nameRegisteredAgainAsOtherKind_then_errorNamesBoth() {
    s.backend.getState(new ValueStateDescriptor<>("x", String.class));
    assertThatThrownBy(() -> s.backend.getState(new ListStateDescriptor<>("x", String.class)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'x'")
        .hasMessageContaining("ValueStateDescriptor(x: String)")
        .hasMessageContaining("ListStateDescriptor(x: String)");
  }

  @Test
  void when_nameRegisteredAgainWithOtherType_then_errorNamesBoth() {
    s.backend.getState(new ValueStateDescriptor<>("x", String.class));
    assertThatThrownBy(() -> s.backend.getState(new ValueStateDescriptor<>("x", Long.class)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ValueStateDescriptor(x: String)")
        .hasMessageContaining("ValueStateDescriptor(x: Long)");
  }

  @Test
  void when_mapRegisteredAgainWithOtherKeyType_then_errorNamesBoth() {
    s.backend.getState(new MapStateDescriptor<>("m", String.class, Long.class));
    assertThatThrownBy(() -> s.backend.getState(new MapStateDescriptor<>("m", Integer.class, Long.class)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MapStateDescriptor(m: String -> Long)")
        .hasMessageContaining("MapStateDescriptor(m: Integer -> Long)");
  }

  @Test
  void when_nameRegisteredAgainWithOtherTtl_then_error() {
    s.backend.getState(new ValueStateDescriptor<>("x", String.class));
    ValueStateDescriptor<String> withTtl = new ValueStateDescriptor<>("x", String.class);
    withTtl.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofSeconds(1)).build());
    assertThatThrownBy(() -> s.backend.getState(withTtl))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ttl PT1S");
  }

  @Test
  void when_ttlShorterThanAMillisecond_then_rejected() {
    assertThatThrownBy(() -> StateTtlConfig.newBuilder(Duration.ofNanos(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 ms");
  }

  @Test
  void when_keyOutsideSubtaskRange_then_errorExplainsKeyGroup() {
    HeapKeyedStateBackend half = new HeapKeyedStateBackend(KeyGroups.rangeOf(0, 128, 2), 128);
    int foreign = 0;
    while (KeyGroups.keyGroupOf(foreign, 128) < 64) {
      foreign++;
    }
    int key = foreign;
    assertThatThrownBy(() -> half.setCurrentKey(key))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("which this subtask does not own");
  }
}
