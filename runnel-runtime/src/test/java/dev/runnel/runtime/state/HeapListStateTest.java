package dev.runnel.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.state.ListState;
import dev.runnel.api.state.ListStateDescriptor;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapListStateTest {
  private final StateTestSupport s = new StateTestSupport();
  private final ListStateDescriptor<String> descriptor = new ListStateDescriptor<>("l", String.class);

  @Test
  void when_nothingAdded_then_getIsEmptyNotNull() throws Exception {
    ListState<String> state = s.backend.getState(descriptor);
    s.key("a");
    assertThat(state.get()).isNotNull().isEmpty();
  }

  @Test
  void when_elementsAddedForTwoKeys_then_eachKeySeesItsOwnInOrder() throws Exception {
    ListState<String> state = s.backend.getState(descriptor);
    s.key("a");
    state.add("a1");
    s.key("b");
    state.add("b1");
    s.key("a");
    state.add("a2");
    state.addAll(List.of("a3", "a4"));

    assertThat(state.get()).containsExactly("a1", "a2", "a3", "a4");
    s.key("b");
    assertThat(state.get()).containsExactly("b1");
  }

  @Test
  void when_elementsAddedInTwoNamespaces_then_eachNamespaceSeesItsOwn() throws Exception {
    InternalListState<Integer, String> state = s.backend.getPartitionedState(descriptor);
    s.key("a");
    state.setCurrentNamespace(1);
    state.add("one");
    state.setCurrentNamespace(2);
    state.add("two");
    state.clear();
    assertThat(state.get()).isEmpty();
    state.setCurrentNamespace(1);
    assertThat(state.get()).containsExactly("one");
  }

  @Test
  void when_update_then_elementsReplacedAndEmptyOrNullClears() throws Exception {
    ListState<String> state = s.backend.getState(descriptor);
    s.key("a");
    state.add("x");
    state.update(List.of("y", "z"));
    assertThat(state.get()).containsExactly("y", "z");
    state.update(List.of());
    assertThat(state.get()).isEmpty();
    state.add("x");
    state.update(null);
    assertThat(state.get()).isEmpty();
    state.addAll(null);
    state.addAll(List.of());
    assertThat(state.get()).isEmpty();
  }

  @Test
  void when_listPassedToUpdateChangesLater_then_stateDoesNotChange() throws Exception {
    ListState<String> state = s.backend.getState(descriptor);
    s.key("a");
    List<String> mine = Arrays.asList("p", "q");
    state.update(mine);
    mine.set(0, "changed");
    assertThat(state.get()).containsExactly("p", "q");
  }

  @Test
  void when_nullElementAdded_then_rejected() {
    ListState<String> state = s.backend.getState(descriptor);
    s.key("a");
    assertThatThrownBy(() -> state.add(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("null elements");
    assertThatThrownBy(() -> state.update(Arrays.asList("x", null)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void when_getResultModified_then_rejected() throws Exception {
    ListState<String> state = s.backend.getState(descriptor);
    s.key("a");
    state.add("x");
    Iterator<String> it = state.get().iterator();
    it.next();
    assertThatThrownBy(it::remove).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void when_namespacesMerged_then_targetHoldsAllElementsAndSourcesAreEmpty() throws Exception {
    InternalListState<String, String> state = s.backend.getPartitionedState(descriptor);
    s.key("a");
    state.setCurrentNamespace("w1");
    state.add("1a");
    state.add("1b");
    state.setCurrentNamespace("w2");
    state.add("2a");
    state.setCurrentNamespace("w3");
    state.add("3a");
    s.key("b");
    state.setCurrentNamespace("w2");
    state.add("b2");

    s.key("a");
    state.mergeNamespaces("w3", List.of("w1", "w2", "w3", "empty"));

    state.setCurrentNamespace("w3");
    assertThat(state.get()).containsExactlyInAnyOrder("3a", "1a", "1b", "2a");
    state.setCurrentNamespace("w1");
    assertThat(state.get()).isEmpty();
    state.setCurrentNamespace("w2");
    assertThat(state.get()).isEmpty();
    s.key("b");
    assertThat(state.get()).containsExactly("b2");
  }

  @Test
  void when_mergedIntoEmptyTarget_then_targetGetsTheSourcesElements() throws Exception {
    InternalListState<String, String> state = s.backend.getPartitionedState(descriptor);
    s.key("a");
    state.setCurrentNamespace("w1");
    state.add("1a");
    state.mergeNamespaces("new", List.of("w1"));
    state.setCurrentNamespace("new");
    assertThat(state.get()).containsExactly("1a");
  }
}
