package dev.runnel.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.state.AggregatingState;
import dev.runnel.api.state.AggregatingStateDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapAggregatingStateTest {
  private final StateTestSupport s = new StateTestSupport();

  /** Average of integers; the accumulator is {sum, count}. */
  static final class Average implements AggregateFunction<Integer, long[], Double> {
    @Override
    public long[] createAccumulator() {
      return new long[2];
    }

    @Override
    public long[] add(Integer value, long[] acc) {
      acc[0] += value;
      acc[1]++;
      return acc;
    }

    @Override
    public Double getResult(long[] acc) {
      return (double) acc[0] / acc[1];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      a[0] += b[0];
      a[1] += b[1];
      return a;
    }
  }

  private final AggregatingStateDescriptor<Integer, long[], Double> average =
      new AggregatingStateDescriptor<>("avg", new Average(), long[].class);

  @Test
  void when_valuesAddedForTwoKeys_then_eachKeyAggregatesItsOwn() throws Exception {
    AggregatingState<Integer, Double> state = s.backend.getState(average);
    s.key("a");
    assertThat(state.get()).isNull();
    state.add(1);
    state.add(2);
    s.key("b");
    state.add(10);
    s.key("a");
    assertThat(state.get()).isEqualTo(1.5);
    s.key("b");
    assertThat(state.get()).isEqualTo(10.0);
    state.clear();
    assertThat(state.get()).isNull();
  }

  @Test
  void when_valuesAddedInTwoNamespaces_then_eachNamespaceAggregatesItsOwn() throws Exception {
    InternalAggregatingState<String, Integer, Double> state = s.backend.getPartitionedState(average);
    s.key("a");
    state.setCurrentNamespace("w1");
    state.add(4);
    state.setCurrentNamespace("w2");
    state.add(8);
    state.add(10);
    assertThat(state.get()).isEqualTo(9.0);
    state.setCurrentNamespace("w1");
    assertThat(state.get()).isEqualTo(4.0);
  }

  @Test
  void when_namespacesMerged_then_accumulatorsAreMergedIntoTarget() throws Exception {
    InternalAggregatingState<String, Integer, Double> state = s.backend.getPartitionedState(average);
    s.key("a");
    state.setCurrentNamespace("w1");
    state.add(1);
    state.setCurrentNamespace("w2");
    state.add(2);
    state.add(3);
    state.setCurrentNamespace("w3");
    state.add(6);

    state.mergeNamespaces("w2", List.of("w1", "w3"));

    state.setCurrentNamespace("w2");
    assertThat(state.get()).isEqualTo(3.0);
    state.setCurrentNamespace("w1");
    assertThat(state.get()).isNull();
    state.setCurrentNamespace("w3");
    assertThat(state.get()).isNull();
  }
}
