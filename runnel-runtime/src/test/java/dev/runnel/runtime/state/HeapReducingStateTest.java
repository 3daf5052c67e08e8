package dev.runnel.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.state.ReducingState;
import dev.runnel.api.state.ReducingStateDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapReducingStateTest {
  private final StateTestSupport s = new StateTestSupport();
  private final ReducingStateDescriptor<Long> sum =
      new ReducingStateDescriptor<>("sum", Long::sum, Long.class);

  @Test
  void when_valuesAddedForTwoKeys_then_eachKeyFoldsItsOwn() throws Exception {
    ReducingState<Long> state = s.backend.getState(sum);
    s.key("a");
    assertThat(state.get()).isNull();
    state.add(1L);
    state.add(2L);
    s.key("b");
    state.add(10L);
    s.key("a");
    state.add(3L);
    assertThat(state.get()).isEqualTo(6L);
    s.key("b");
    assertThat(state.get()).isEqualTo(10L);
    state.clear();
    assertThat(state.get()).isNull();
  }

  @Test
  void when_valuesAddedInTwoNamespaces_then_eachNamespaceFoldsItsOwn() throws Exception {
    InternalReducingState<Long, Long> state = s.backend.getPartitionedState(sum);
    s.key("a");
    state.setCurrentNamespace(1L);
    state.add(1L);
    state.setCurrentNamespace(2L);
    state.add(100L);
    state.setCurrentNamespace(1L);
    state.add(1L);
    assertThat(state.get()).isEqualTo(2L);
    state.setCurrentNamespace(2L);
    assertThat(state.get()).isEqualTo(100L);
  }

  @Test
  void when_namespacesMerged_then_targetHoldsTheReductionOfAll() throws Exception {
    InternalReducingState<String, Long> state = s.backend.getPartitionedState(sum);
    s.key("a");
    state.setCurrentNamespace("w1");
    state.add(1L);
    state.setCurrentNamespace("w2");
    state.add(2L);
    state.setCurrentNamespace("w3");
    state.add(4L);

    state.mergeNamespaces("w1", List.of("w2", "w3", "w1", "none"));

    assertThat(state.currentNamespace()).isEqualTo("w3");
    assertThat(state.get()).isNull();
    state.setCurrentNamespace("w2");
    assertThat(state.get()).isNull();
    state.setCurrentNamespace("w1");
    assertThat(state.get()).isEqualTo(7L);

    state.mergeNamespaces("fresh", List.of("w1"));
    state.setCurrentNamespace("fresh");
    assertThat(state.get()).isEqualTo(7L);
  }

  @Test
  void when_nullAdded_then_rejected() {
    ReducingState<Long> state = s.backend.getState(sum);
    s.key("a");
    assertThatThrownBy(() -> state.add(null)).isInstanceOf(NullPointerException.class);
  }
}
