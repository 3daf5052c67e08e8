package dev.runnel.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import org.junit.jupiter.api.Test;

class HeapValueStateTest {
  private final StateTestSupport s = new StateTestSupport();

  @Test
  void when_valuesWrittenForSeveralKeys_then_eachKeyReadsItsOwn() throws Exception {
    ValueState<String> state = s.backend.getState(new ValueStateDescriptor<>("v", String.class));
    for (int k = 0; k < 1000; k++) {
      s.key(k);
      state.update("value-" + k);
    }
    for (int k = 0; k < 1000; k++) {
      s.key(k);
      assertThat(state.value()).isEqualTo("value-" + k);
    }
    s.key(5000);
    assertThat(state.value()).isNull();
  }

  @Test
  void when_valuesWrittenInTwoNamespaces_then_eachNamespaceReadsItsOwn() throws Exception {
    InternalValueState<String, Integer> state =
        s.backend.getPartitionedState(new ValueStateDescriptor<>("v", Integer.class));
    s.key("k");
    state.setCurrentNamespace("w1");
    state.update(1);
    state.setCurrentNamespace("w2");
    state.update(2);

    state.setCurrentNamespace("w1");
    assertThat(state.value()).isEqualTo(1);
    state.clear();
    assertThat(state.value()).isNull();
    state.setCurrentNamespace("w2");
    assertThat(state.value()).isEqualTo(2);
  }

  @Test
  void when_namespaceNeverSet_then_defaultNamespaceIsSeparateFromOthers() throws Exception {
    InternalValueState<Object, Integer> state =
        s.backend.getPartitionedState(new ValueStateDescriptor<>("v", Integer.class));
    assertThat(state.currentNamespace()).isSameAs(VoidNamespace.INSTANCE);
    s.key("k");
    state.update(7);
    state.setCurrentNamespace("w");
    assertThat(state.value()).isNull();
  }

  @Test
  void when_updateNull_then_valueCleared() throws Exception {
    ValueState<Long> state = s.backend.getState(new ValueStateDescriptor<>("v", Long.class));
    s.key("a");
    state.update(1L);
    state.update(null);
    assertThat(state.value()).isNull();
  }

  @Test
  void when_clear_then_onlyCurrentKeyLosesItsValue() throws Exception {
    ValueState<Long> state = s.backend.getState(new ValueStateDescriptor<>("v", Long.class));
    s.key("a");
    state.update(1L);
    s.key("b");
    state.update(2L);
    state.clear();
    assertThat(state.value()).isNull();
    s.key("a");
    assertThat(state.value()).isEqualTo(1L);
  }

  @Test
  void when_keysWritten_then_eachIsStoredInTheMapOfItsKeyGroup() throws Exception {
    InternalValueState<VoidNamespace, Integer> state =
        s.backend.getPartitionedState(new ValueStateDescriptor<>("v", Integer.class));
    for (int k = 0; k < 500; k++) {
      s.key(k);
      state.update(k);
    }
    StateTable<VoidNamespace, Integer> table = ((HeapValueState<VoidNamespace, Integer>) state).table();
    assertThat(table.size()).isEqualTo(500);
    for (int kg = 0; kg < table.keyGroupCount(); kg++) {
      int keyGroup = kg;
      table.keyGroup(kg).forEach((key, ns, v) ->
          assertThat(KeyGroups.keyGroupOf(key, StateTestSupport.MAX_PARALLELISM)).isEqualTo(keyGroup));
    }
  }

  @Test
  void when_noKeySet_then_accessFailsWithExplanation() {
    ValueState<Long> state = s.backend.getState(new ValueStateDescriptor<>("v", Long.class));
    assertThatThrownBy(state::value)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only accessible while processing an element");
  }
}
