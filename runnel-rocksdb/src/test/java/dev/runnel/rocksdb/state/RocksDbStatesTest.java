package dev.runnel.rocksdb.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.state.AggregatingState;
import dev.runnel.api.state.AggregatingStateDescriptor;
import dev.runnel.api.state.ListState;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.MapState;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.ReducingState;
import dev.runnel.api.state.ReducingStateDescriptor;
import dev.runnel.api.state.StateTtlConfig;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.runtime.state.InternalAggregatingState;
import dev.runnel.runtime.state.InternalListState;
import dev.runnel.runtime.state.InternalMapState;
import dev.runnel.runtime.state.InternalReducingState;
import dev.runnel.runtime.state.InternalValueState;
import dev.runnel.runtime.state.KeyGroups;
import dev.runnel.runtime.state.VoidNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbStatesTest {
  @TempDir Path tmp;
  private RocksTestSupport s;
  private RocksDbKeyedStateBackend backend;

  @BeforeEach
  void setUp() throws Exception {
    s = new RocksTestSupport(tmp);
    backend = s.backend();
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  /** Sums longs; the accumulator is a long[1]. */
  static final class Sum implements AggregateFunction<Long, long[], Long> {
    @Override
    public long[] createAccumulator() {
      return new long[1];
    }

    @Override
    public long[] add(Long value, long[] acc) {
      acc[0] += value;
      return acc;
    }

    @Override
    public Long getResult(long[] acc) {
      return acc[0];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      a[0] += b[0];
      return a;
    }
  }

  @Test
  void when_valueWrittenPerKey_then_eachKeySeesItsOwn() throws Exception {
    ValueState<String> state = backend.getState(new ValueStateDescriptor<>("v", String.class));
    for (int k = 0; k < 100; k++) {
      backend.setCurrentKey(k);
      assertThat(state.value()).isNull();
      state.update("v" + k);
    }
    for (int k = 0; k < 100; k++) {
      backend.setCurrentKey(k);
      assertThat(state.value()).isEqualTo("v" + k);
    }
    backend.setCurrentKey(7);
    state.update(null);
    assertThat(state.value()).isNull();
    backend.setCurrentKey(8);
    state.clear();
    assertThat(state.value()).isNull();
    backend.setCurrentKey(9);
    assertThat(state.value()).isEqualTo("v9");
  }

  @Test
  void when_keyIsPrefixOfAnother_then_theirStatesDoNotMix() throws Exception {
    MapState<String, Integer> map =
        backend.getState(new MapStateDescriptor<>("m", String.class, Integer.class));
    // "a" and "ab" in the same key group or not: their keys must not share a prefix run.
    backend.setCurrentKey("a");
    map.put("x", 1);
    backend.setCurrentKey("ab");
    map.put("y", 2);
    backend.setCurrentKey("a");
    assertThat(map.keys()).containsExactly("x");
    map.clear();
    backend.setCurrentKey("ab");
    assertThat(map.keys()).containsExactly("y");
  }

  @Test
  void when_valueReturnedIsMutated_then_stateIsUnchangedUntilWrittenBack() throws Exception {
    ValueState<ArrayList<String>> state = backend.getState(
        new ValueStateDescriptor<>("v", castList()));
    backend.setCurrentKey("k");
    state.update(new ArrayList<>(List.of("a")));
    state.value().add("b");
    assertThat(state.value()).containsExactly("a");
    ArrayList<String> v = state.value();
    v.add("b");
    state.update(v);
    assertThat(state.value()).containsExactly("a", "b");
  }

  @SuppressWarnings("unchecked")
  private static Class<ArrayList<String>> castList() {
    return (Class<ArrayList<String>>) (Class<?>) ArrayList.class;
  }

  @Test
  void when_namespacesUsed_then_eachNamespaceHasItsOwnValue() throws Exception {
    InternalValueState<TimeWindow, Long> state =
        backend.getPartitionedState(new ValueStateDescriptor<>("v", Long.class));
    backend.setCurrentKey("k");
    state.setCurrentNamespace(new TimeWindow(0, 10));
    state.update(1L);
    state.setCurrentNamespace(new TimeWindow(10, 20));
    assertThat(state.value()).isNull();
    state.update(2L);
    state.setCurrentNamespace(new TimeWindow(0, 10));
    assertThat(state.value()).isEqualTo(1L);
    state.clear();
    assertThat(state.value()).isNull();
    state.setCurrentNamespace(new TimeWindow(10, 20));
    assertThat(state.value()).isEqualTo(2L);
    assertThat(state.currentNamespace()).isEqualTo(new TimeWindow(10, 20));
  }

  @Test
  void when_listAppended_then_elementsComeBackInOrder() throws Exception {
    ListState<String> list = backend.getState(new ListStateDescriptor<>("l", String.class));
    backend.setCurrentKey("k");
    assertThat(list.get()).isEmpty();
    list.add("a");
    list.add("b");
    list.addAll(List.of("c", "d"));
    list.addAll(List.of());
    list.addAll(null);
    assertThat(list.get()).containsExactly("a", "b", "c", "d");
    list.update(List.of("x"));
    assertThat(list.get()).containsExactly("x");
    list.add("y");
    assertThat(list.get()).containsExactly("x", "y");
    list.update(List.of());
    assertThat(list.get()).isEmpty();
    list.add("z");
    list.clear();
    assertThat(list.get()).isEmpty();
    assertThatThrownBy(() -> list.add(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> list.addAll(Arrays.asList("a", null)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void when_listOfRecordsAndLongsAppended_then_selfDelimitingElementsParse() throws Exception {
    ListState<Object> list = backend.getState(new ListStateDescriptor<>("l", Object.class));
    backend.setCurrentKey(1L);
    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Object v = switch (i % 4) {
        case 0 -> (long) i;
        case 1 -> "s" + i;
        case 2 -> new TimeWindow(i, i + 1);
        default -> new byte[] {(byte) i, 0, 1};
      };
      expected.add(v);
      list.add(v);
    }
    assertThat(list.get()).usingRecursiveFieldByFieldElementComparator().isEqualTo(expected);
  }

  @Test
  void when_listNamespacesMerged_then_listsAreConcatenated() throws Exception {
    InternalListState<String, Integer> list =
        backend.getPartitionedState(new ListStateDescriptor<>("l", Integer.class));
    backend.setCurrentKey("k");
    list.setCurrentNamespace("a");
    list.addAll(List.of(1, 2));
    list.setCurrentNamespace("b");
    list.add(3);
    list.setCurrentNamespace("c");
    list.add(4);
    list.setCurrentNamespace("x");
    list.mergeNamespaces("a", List.of("b", "a", "c", "empty"));
    assertThat(list.currentNamespace()).isEqualTo("x");
    list.setCurrentNamespace("a");
    assertThat(list.get()).containsExactly(1, 2, 3, 4);
    list.setCurrentNamespace("b");
    assertThat(list.get()).isEmpty();
    list.setCurrentNamespace("new");
    list.mergeNamespaces("fresh", List.of("a"));
    list.setCurrentNamespace("fresh");
    assertThat(list.get()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void when_mapUsed_then_behavesLikeAMapPerKeyAndNamespace() throws Exception {
    InternalMapState<String, String, Long> map =
        backend.getPartitionedState(new MapStateDescriptor<>("m", String.class, Long.class));
    backend.setCurrentKey("k");
    assertThat(map.isEmpty()).isTrue();
    map.put("a", 1L);
    map.put("b", null);
    map.putAll(Map.of("c", 3L, "d", 4L));
    assertThat(map.get("a")).isEqualTo(1L);
    assertThat(map.contains("b")).isTrue();
    assertThat(map.get("b")).isNull();
    assertThat(map.contains("z")).isFalse();
    assertThat(map.keys()).containsExactlyInAnyOrder("a", "b", "c", "d");
    map.remove("c");
    Map<String, Long> copy = new HashMap<>();
    for (Map.Entry<String, Long> e : map.entries()) {
      copy.put(e.getKey(), e.getValue());
    }
    assertThat(copy).containsOnlyKeys("a", "b", "d");
    assertThat(map.values()).containsExactlyInAnyOrder(1L, null, 4L);

    map.setCurrentNamespace("other");
    assertThat(map.isEmpty()).isTrue();
    map.put("a", 10L);
    map.setCurrentNamespace(VoidNamespace.INSTANCE.toString());
    assertThat(map.isEmpty()).isTrue();
    map.setCurrentNamespace("other");
    map.clear();
    assertThat(map.isEmpty()).isTrue();

    backend.setCurrentKey("k2");
    map.setCurrentNamespace("other");
    assertThat(map.isEmpty()).isTrue();
  }

  @Test
  void when_largeMapIteratedAndRemoved_then_everyMappingIsVisitedOnce() throws Exception {
    MapState<Integer, String> map =
        backend.getState(new MapStateDescriptor<>("m", Integer.class, String.class));
    backend.setCurrentKey("k");
    int n = RocksMapState.BATCH * 3 + 17;
    for (int i = 0; i < n; i++) {
      map.put(i, "v" + i);
    }
    backend.setCurrentKey("k2");
    map.put(-1, "other key");
    backend.setCurrentKey("k");
    Set<Integer> seen = new HashSet<>();
    for (Iterator<Integer> it = map.keys().iterator(); it.hasNext(); ) {
      Integer k = it.next();
      assertThat(seen.add(k)).isTrue();
      if (k % 2 == 0) {
        it.remove();
      }
    }
    assertThat(seen).hasSize(n);
    int left = 0;
    for (Integer k : map.keys()) {
      assertThat(k % 2).isEqualTo(1);
      left++;
    }
    assertThat(left).isEqualTo(n / 2);
    Iterator<String> none = map.values().iterator();
    assertThatThrownBy(none::remove).isInstanceOf(IllegalStateException.class);
    backend.setCurrentKey("k2");
    assertThat(map.get(-1)).isEqualTo("other key");
  }

  @Test
  void when_reducingStateAdded_then_valuesAreFolded() throws Exception {
    InternalReducingState<String, Long> sum = backend.getPartitionedState(
        new ReducingStateDescriptor<>("r", Long::sum, Long.class));
    backend.setCurrentKey("k");
    assertThat(sum.get()).isNull();
    sum.add(1L);
    sum.add(2L);
    assertThat(sum.get()).isEqualTo(3L);
    sum.setCurrentNamespace("b");
    sum.add(10L);
    sum.setCurrentNamespace("c");
    sum.add(100L);
    sum.mergeNamespaces(VoidNamespace.INSTANCE.toString(), List.of("b", "c"));
    sum.setCurrentNamespace("b");
    assertThat(sum.get()).isNull();
    assertThatThrownBy(() -> sum.add(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void when_reducingNamespacesMerged_then_targetHoldsTheFold() throws Exception {
    InternalReducingState<String, Long> sum = backend.getPartitionedState(
        new ReducingStateDescriptor<>("r", Long::sum, Long.class));
    backend.setCurrentKey("k");
    sum.setCurrentNamespace("a");
    sum.add(1L);
    sum.setCurrentNamespace("b");
    sum.add(10L);
    sum.setCurrentNamespace("c");
    sum.add(100L);
    sum.mergeNamespaces("a", List.of("b", "c", "a", "missing"));
    assertThat(sum.currentNamespace()).isEqualTo("c");
    assertThat(sum.get()).isNull();
    sum.setCurrentNamespace("a");
    assertThat(sum.get()).isEqualTo(111L);
  }

  @Test
  void when_aggregatingStateAddedAndMerged_then_accumulatorsCombine() throws Exception {
    InternalAggregatingState<String, Long, Long> agg = backend.getPartitionedState(
        new AggregatingStateDescriptor<>("a", new Sum(), long[].class));
    backend.setCurrentKey("k");
    agg.setCurrentNamespace("a");
    assertThat(agg.get()).isNull();
    agg.add(1L);
    agg.add(2L);
    assertThat(agg.get()).isEqualTo(3L);
    agg.setCurrentNamespace("b");
    agg.add(5L);
    agg.mergeNamespaces("t", List.of("a", "b"));
    agg.setCurrentNamespace("t");
    assertThat(agg.get()).isEqualTo(8L);
    agg.setCurrentNamespace("a");
    assertThat(agg.get()).isNull();
    agg.setCurrentNamespace("t");
    agg.clear();
    assertThat(agg.get()).isNull();
  }

  @Test
  void when_sameNameRequestedTwice_then_sameState() throws Exception {
    ValueState<Long> a = backend.getState(new ValueStateDescriptor<>("c", Long.class));
    ValueState<Long> b = backend.getState(new ValueStateDescriptor<>("c", Long.class));
    assertThat(b).isSameAs(a);
  }

  @Test
  void when_nameRegisteredAgainAsOtherKindTypeOrTtl_then_errorNamesBoth() {
    backend.getState(new ValueStateDescriptor<>("x", String.class));
    assertThatThrownBy(() -> backend.getState(new ListStateDescriptor<>("x", String.class)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'x'")
        .hasMessageContaining("ValueStateDescriptor(x: String)")
        .hasMessageContaining("ListStateDescriptor(x: String)");
    assertThatThrownBy(() -> backend.getState(new ValueStateDescriptor<>("x", Long.class)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ValueStateDescriptor(x: Long)");
    ValueStateDescriptor<String> withTtl = new ValueStateDescriptor<>("x", String.class);
    withTtl.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofSeconds(1)).build());
    assertThatThrownBy(() -> backend.getState(withTtl))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ttl PT1S");
    backend.getState(new MapStateDescriptor<>("m", String.class, Long.class));
    assertThatThrownBy(() -> backend.getState(new MapStateDescriptor<>("m", Integer.class, Long.class)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MapStateDescriptor(m: String -> Long)")
        .hasMessageContaining("MapStateDescriptor(m: Integer -> Long)");
  }

  @Test
  void when_noKeySet_then_accessFailsClearly() {
    ValueState<Long> v = backend.getState(new ValueStateDescriptor<>("v", Long.class));
    assertThatThrownBy(v::value)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only accessible while processing an element");
  }

  @Test
  void when_keyOutsideRange_then_rejected() throws Exception {
    RocksDbKeyedStateBackend half = s.backend(KeyGroups.rangeOf(0, 128, 2), true);
    int foreign = 0;
    while (KeyGroups.keyGroupOf(foreign, 128) < 64) {
      foreign++;
    }
    int key = foreign;
    assertThatThrownBy(() -> half.setCurrentKey(key))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("which this subtask does not own");
  }

  @Test
  void when_closed_then_localFolderIsDeleted() throws Exception {
    RocksDbKeyedStateBackend b = s.backend();
    ValueState<Long> v = b.getState(new ValueStateDescriptor<>("v", Long.class));
    b.setCurrentKey(1);
    v.update(1L);
    assertThat(Files.exists(b.directory())).isTrue();
    b.close();
    b.close();
    assertThat(Files.exists(b.directory())).isFalse();
  }
}
