package dev.runnel.rocksdb.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.state.AggregatingStateDescriptor;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.ReducingStateDescriptor;
import dev.runnel.api.state.StateDescriptor;
import dev.runnel.api.state.StateTtlConfig;
import dev.runnel.api.state.StateTtlConfig.StateVisibility;
import dev.runnel.api.state.StateTtlConfig.UpdateType;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.runtime.state.HeapKeyedStateBackend;
import dev.runnel.runtime.state.InternalAggregatingState;
import dev.runnel.runtime.state.InternalListState;
import dev.runnel.runtime.state.InternalMapState;
import dev.runnel.runtime.state.InternalReducingState;
import dev.runnel.runtime.state.InternalValueState;
import dev.runnel.runtime.state.KeyGroups;
import dev.runnel.runtime.state.KeyedStateBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same random operations on the heap backend and on the RocksDB backend, with and without
 * time-to-live (every update type and visibility), on a clock moved by hand: every read, and every
 * cleanup count, must agree.
 */
class RocksDbMatchesHeapTest {
  private static final long TTL = 100;

  @TempDir Path tmp;

  static Stream<Arguments> configs() {
    return Stream.of(
        Arguments.of(null, null),
        Arguments.of(UpdateType.OnCreateAndWrite, StateVisibility.NeverReturnExpired),
        Arguments.of(UpdateType.OnCreateAndWrite, StateVisibility.ReturnExpiredIfNotCleanedUp),
        Arguments.of(UpdateType.OnReadAndWrite, StateVisibility.NeverReturnExpired),
        Arguments.of(UpdateType.OnReadAndWrite, StateVisibility.ReturnExpiredIfNotCleanedUp));
  }

  /** The states of one backend. */
  private record States(
      KeyedStateBackend backend,
      InternalValueState<String, Integer> value,
      InternalListState<String, Integer> list,
      InternalMapState<String, Integer, Integer> map,
      InternalReducingState<String, Integer> reducing,
      InternalAggregatingState<String, Long, Long> aggregating) {

    void key(Object key, String namespace) {
      backend.setCurrentKey(key);
      value.setCurrentNamespace(namespace);
      list.setCurrentNamespace(namespace);
      map.setCurrentNamespace(namespace);
      reducing.setCurrentNamespace(namespace);
      aggregating.setCurrentNamespace(namespace);
    }
  }

  private static <D extends StateDescriptor<?, ?>> D ttl(D d, UpdateType u, StateVisibility v) {
    if (u != null) {
      d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(TTL))
          .setUpdateType(u).setStateVisibility(v).build());
    }
    return d;
  }

  private static States states(KeyedStateBackend b, UpdateType u, StateVisibility v) {
    return new States(b,
        b.getPartitionedState(ttl(new ValueStateDescriptor<>("value", Integer.class), u, v)),
        b.getPartitionedState(ttl(new ListStateDescriptor<>("list", Integer.class), u, v)),
        b.getPartitionedState(ttl(new MapStateDescriptor<>("map", Integer.class, Integer.class), u, v)),
        b.getPartitionedState(ttl(new ReducingStateDescriptor<>("reducing", Integer::sum,
            Integer.class), u, v)),
        b.getPartitionedState(ttl(new AggregatingStateDescriptor<>("aggregating",
            new RocksDbStatesTest.Sum(), long[].class), u, v)));
  }

  @ParameterizedTest
  @MethodSource("configs")
  void when_sameOperationsApplied_then_rocksDbAgreesWithHeap(UpdateType u, StateVisibility v)
      throws Exception {
    try (RocksTestSupport support = new RocksTestSupport(tmp)) {
      RocksDbKeyedStateBackend rocksBackend = support.backend();
      HeapKeyedStateBackend heapBackend =
          new HeapKeyedStateBackend(KeyGroups.rangeOf(0, 128, 1), 128, () -> support.now);
      States heap = states(heapBackend, u, v);
      States rocks = states(rocksBackend, u, v);
      Random random = new Random(42);
      String[] namespaces = {"a", "b", "c"};
      for (int step = 0; step < 6_000; step++) {
        support.now += random.nextInt(12);
        Object key = random.nextInt(5);
        String ns = namespaces[random.nextInt(namespaces.length)];
        heap.key(key, ns);
        rocks.key(key, ns);
        int x = random.nextInt(100);
        String what = "step " + step + " op ";
        int op = random.nextInt(30);
        what += op;
        switch (op) {
          case 0 -> { Integer val = x < 10 ? null : x; heap.value().update(val); rocks.value().update(val); }
          case 1 -> assertThat(rocks.value().value()).as(what).isEqualTo(heap.value().value());
          case 2 -> { heap.value().clear(); rocks.value().clear(); }
          case 3 -> { heap.list().add(x); rocks.list().add(x); }
          case 4 -> { heap.list().addAll(List.of(x, x + 1)); rocks.list().addAll(List.of(x, x + 1)); }
          case 5 -> { List<Integer> l = x < 20 ? List.of() : List.of(x); heap.list().update(l); rocks.list().update(l); }
          case 6, 7 -> assertThat(list(rocks.list().get())).as(what).isEqualTo(list(heap.list().get()));
          case 8 -> { heap.list().clear(); rocks.list().clear(); }
          case 9 -> {
            List<String> sources = List.of(namespaces[x % 3], namespaces[(x / 3) % 3]);
            heap.list().mergeNamespaces(ns, sources);
            rocks.list().mergeNamespaces(ns, sources);
          }
          case 10 -> { heap.map().put(x % 7, x); rocks.map().put(x % 7, x); }
          case 11 -> { heap.map().putAll(Map.of(x % 7, x, 7 + x % 3, -x)); rocks.map().putAll(Map.of(x % 7, x, 7 + x % 3, -x)); }
          case 12 -> { heap.map().remove(x % 7); rocks.map().remove(x % 7); }
          case 13 -> assertThat(rocks.map().get(x % 7)).as(what).isEqualTo(heap.map().get(x % 7));
          case 14 -> assertThat(rocks.map().contains(x % 7)).as(what).isEqualTo(heap.map().contains(x % 7));
          case 15 -> assertThat(entries(rocks.map(), -1)).as(what).isEqualTo(entries(heap.map(), -1));
          case 16 -> assertThat(entries(rocks.map(), x % 7)).as(what).isEqualTo(entries(heap.map(), x % 7));
          case 17 -> assertThat(rocks.map().isEmpty()).as(what).isEqualTo(heap.map().isEmpty());
          case 18 -> { heap.map().clear(); rocks.map().clear(); }
          case 19 -> { heap.reducing().add(x); rocks.reducing().add(x); }
          case 20 -> assertThat(rocks.reducing().get()).as(what).isEqualTo(heap.reducing().get());
          case 21 -> {
            List<String> sources = List.of(namespaces[x % 3], namespaces[(x / 3) % 3]);
            String target = namespaces[(x / 9) % 3];
            heap.reducing().mergeNamespaces(target, sources);
            rocks.reducing().mergeNamespaces(target, sources);
            heap.aggregating().mergeNamespaces(target, sources);
            rocks.aggregating().mergeNamespaces(target, sources);
          }
          case 22 -> { heap.aggregating().add((long) x); rocks.aggregating().add((long) x); }
          case 23 -> assertThat(rocks.aggregating().get()).as(what).isEqualTo(heap.aggregating().get());
          case 24 -> { heap.reducing().clear(); rocks.reducing().clear(); heap.aggregating().clear(); rocks.aggregating().clear(); }
          case 25 -> {
            if (x < 15) {
              assertThat(rocksBackend.cleanupExpired()).as(what).isEqualTo(heapBackend.cleanupExpired());
            }
          }
          default -> assertThat(rocks.value().value()).as(what).isEqualTo(heap.value().value());
        }
      }
      assertThat(rocksBackend.hasTtlState()).isEqualTo(u != null);
      support.now += 10 * TTL;
      assertThat(rocksBackend.cleanupExpired()).isEqualTo(heapBackend.cleanupExpired());
    }
  }

  private static List<Integer> list(Iterable<Integer> it) {
    List<Integer> l = new ArrayList<>();
    it.forEach(l::add);
    return l;
  }

  /** The map's entries, sorted; removes the mapping of {@code remove} through the iterator. */
  private static TreeMap<Integer, Integer> entries(InternalMapState<String, Integer, Integer> m,
      int remove) throws Exception {
    TreeMap<Integer, Integer> all = new TreeMap<>();
    for (Iterator<Map.Entry<Integer, Integer>> it = m.entries().iterator(); it.hasNext(); ) {
      Map.Entry<Integer, Integer> e = it.next();
      all.put(e.getKey(), e.getValue());
      if (e.getKey() == remove) {
        it.remove();
      }
    }
    return all;
  }
}
