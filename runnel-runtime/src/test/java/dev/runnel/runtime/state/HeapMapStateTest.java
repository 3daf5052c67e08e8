package dev.runnel.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.state.MapState;
import dev.runnel.api.state.MapStateDescriptor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeapMapStateTest {
  private final StateTestSupport s = new StateTestSupport();
  private final MapStateDescriptor<String, Long> descriptor =
      new MapStateDescriptor<>("m", String.class, Long.class);

  @Test
  void when_putGetContainsRemove_then_behavesLikeAMap() throws Exception {
    MapState<String, Long> state = s.backend.getState(descriptor);
    s.key("k");
    assertThat(state.isEmpty()).isTrue();
    assertThat(state.get("x")).isNull();
    assertThat(state.contains("x")).isFalse();

    state.put("x", 1L);
    state.putAll(Map.of("y", 2L, "z", 3L));
    state.put("n", null);
    assertThat(state.get("x")).isEqualTo(1L);
    assertThat(state.contains("n")).isTrue();
    assertThat(state.get("n")).isNull();
    assertThat(state.isEmpty()).isFalse();

    state.remove("x");
    state.remove("absent");
    assertThat(state.contains("x")).isFalse();
    assertThat(state.keys()).containsExactlyInAnyOrder("y", "z", "n");
    assertThat(state.values()).containsExactlyInAnyOrder(2L, 3L, null);
    assertThat(state.entries()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("y", "z", "n");
  }

  @Test
  void when_lastEntryRemoved_then_keyHasNoMapLeft() throws Exception {
    MapState<String, Long> state = s.backend.getState(descriptor);
    s.key("k");
    state.put("x", 1L);
    state.remove("x");
    assertThat(state.isEmpty()).isTrue();
    assertThat(((HeapMapState<?, ?, ?>) state).table().size()).isZero();
  }

  @Test
  void when_removedThroughIterator_then_removedFromState() throws Exception {
    MapState<String, Long> state = s.backend.getState(descriptor);
    s.key("k");
    state.putAll(Map.of("a", 1L, "b", 2L, "c", 3L));
    for (Iterator<String> it = state.keys().iterator(); it.hasNext(); ) {
      if (!it.next().equals("b")) {
        it.remove();
      }
    }
    assertThat(state.keys()).containsExactly("b");
    for (Iterator<Map.Entry<String, Long>> it = state.entries().iterator(); it.hasNext(); ) {
      it.next();
      it.remove();
    }
    assertThat(state.isEmpty()).isTrue();
    assertThat(((HeapMapState<?, ?, ?>) state).table().size()).isZero();
  }

  @Test
  void when_twoKeysWrite_then_eachSeesItsOwnMap() throws Exception {
    MapState<String, Long> state = s.backend.getState(descriptor);
    s.key(1);
    state.put("x", 1L);
    s.key(2);
    state.put("x", 2L);
    state.put("y", 2L);
    state.clear();
    assertThat(state.isEmpty()).isTrue();
    s.key(1);
    assertThat(state.get("x")).isEqualTo(1L);
    assertThat(state.keys()).containsExactly("x");
  }

  @Test
  void when_twoNamespacesWrite_then_eachSeesItsOwnMap() throws Exception {
    InternalMapState<String, String, Long> state = s.backend.getPartitionedState(descriptor);
    s.key(1);
    state.setCurrentNamespace("w1");
    state.put("x", 1L);
    state.setCurrentNamespace("w2");
    assertThat(state.contains("x")).isFalse();
    state.put("x", 2L);
    assertThat(state.get("x")).isEqualTo(2L);
    state.setCurrentNamespace("w1");
    assertThat(state.entries()).containsExactly(Map.entry("x", 1L));
  }

  @Test
  void when_putAllEmptyOrNull_then_nothingStored() throws Exception {
    MapState<String, Long> state = s.backend.getState(descriptor);
    s.key("k");
    state.putAll(Map.of());
    state.putAll(null);
    assertThat(state.isEmpty()).isTrue();
    assertThat(state.values()).isEmpty();
    assertThat(List.of(state.entries().iterator().hasNext())).containsExactly(false);
  }
}
