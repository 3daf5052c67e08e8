package dev.runnel.runtime.state;

import static dev.runnel.api.state.StateTtlConfig.StateVisibility.NeverReturnExpired;
import static dev.runnel.api.state.StateTtlConfig.StateVisibility.ReturnExpiredIfNotCleanedUp;
import static dev.runnel.api.state.StateTtlConfig.UpdateType.OnCreateAndWrite;
import static dev.runnel.api.state.StateTtlConfig.UpdateType.OnReadAndWrite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.state.AggregatingState;
import dev.runnel.api.state.AggregatingStateDescriptor;
import dev.runnel.api.state.ListState;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.MapState;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.ReducingState;
import dev.runnel.api.state.ReducingStateDescriptor;
import dev.runnel.api.state.StateDescriptor;
import dev.runnel.api.state.StateTtlConfig;
import dev.runnel.api.state.StateTtlConfig.StateVisibility;
import dev.runnel.api.state.StateTtlConfig.UpdateType;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Time-to-live on every kind of state, with a processing-time clock moved by hand; ttl = 100 ms. */
class StateTtlTest {
  private static final long TTL = 100;

  private final StateTestSupport s = new StateTestSupport();

  static Stream<Arguments> allConfigs() {
    return Stream.of(
        Arguments.of(OnCreateAndWrite, NeverReturnExpired),
        Arguments.of(OnCreateAndWrite, ReturnExpiredIfNotCleanedUp),
        Arguments.of(OnReadAndWrite, NeverReturnExpired),
        Arguments.of(OnReadAndWrite, ReturnExpiredIfNotCleanedUp));
  }

  private static <D extends StateDescriptor<?, ?>> D withTtl(
      D descriptor, UpdateType update, StateVisibility visibility) {
    descriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(TTL))
        .setUpdateType(update).setStateVisibility(visibility).build());
    return descriptor;
  }

  private static <D extends StateDescriptor<?, ?>> D withTtl(D descriptor) {
    return withTtl(descriptor, OnCreateAndWrite, NeverReturnExpired);
  }

  @Test
  void when_builtWithoutOptions_then_defaultsAreCreateAndWriteAndNeverReturnExpired() {
    StateTtlConfig config = StateTtlConfig.newBuilder(Duration.ofMinutes(1)).build();
    assertThat(config.updateType()).isEqualTo(OnCreateAndWrite);
    assertThat(config.stateVisibility()).isEqualTo(NeverReturnExpired);
  }

  // ---- value state: every update type x visibility ----

  @ParameterizedTest
  @MethodSource("allConfigs")
  void when_valueReadOverTime_then_updateTypeAndVisibilityDecide(
      UpdateType update, StateVisibility visibility) throws Exception {
    ValueState<String> state =
        s.backend.getState(withTtl(new ValueStateDescriptor<>("v", String.class), update, visibility));
    s.key("k");
    s.now = 1000;
    state.update("v");

    s.now = 1050;
    assertThat(state.value()).isEqualTo("v");
    s.now = 1099;
    assertThat(state.value()).isEqualTo("v");

    s.now = 1100; // written at 1000: expired now, unless the reads refreshed it (last at 1099)
    if (update == OnReadAndWrite) {
      assertThat(state.value()).isEqualTo("v");
      s.now = 1198;
      assertThat(state.value()).isEqualTo("v"); // refreshed at 1100
      s.now = 1298; // refreshed at 1198: expired from 1298 on
    }
    if (visibility == ReturnExpiredIfNotCleanedUp) {
      assertThat(state.value()).isEqualTo("v");
    }
    assertThat(state.value()).isNull();
  }

  @Test
  void when_valueRewritten_then_timeToLiveRestarts() throws Exception {
    ValueState<String> state = s.backend.getState(withTtl(new ValueStateDescriptor<>("v", String.class)));
    s.key("k");
    s.now = 1000;
    state.update("a");
    s.now = 1080;
    state.update("b");
    s.now = 1179;
    assertThat(state.value()).isEqualTo("b");
    s.now = 1180;
    assertThat(state.value()).isNull();
  }

  @Test
  void when_expiredValueRead_then_itIsRemovedFromTheTable() throws Exception {
    ValueState<String> state = s.backend.getState(withTtl(new ValueStateDescriptor<>("v", String.class)));
    s.key("k");
    state.update("a");
    s.now += TTL;
    assertThat(state.value()).isNull();
    assertThat(((TtlValueState<?, ?>) state).cleanupExpired(Long.MAX_VALUE)).isZero();
  }

  @Test
  void when_readsInCreateAndWriteMode_then_theyDoNotExtendTheLife() throws Exception {
    ValueState<String> state = s.backend.getState(withTtl(new ValueStateDescriptor<>("v", String.class)));
    s.key("k");
    s.now = 1000;
    state.update("a");
    for (s.now = 1000; s.now < 1100; s.now += 10) {
      assertThat(state.value()).isEqualTo("a");
    }
    assertThat(state.value()).isNull();
  }

  // ---- list state: per element ----

  @ParameterizedTest
  @MethodSource("allConfigs")
  void when_listElementsAddedAtDifferentTimes_then_eachExpiresOnItsOwn(
      UpdateType update, StateVisibility visibility) throws Exception {
    ListState<String> state =
        s.backend.getState(withTtl(new ListStateDescriptor<>("l", String.class), update, visibility));
    s.key("k");
    s.now = 1000;
    state.add("a");
    s.now = 1050;
    state.addAll(List.of("b", "c"));

    s.now = 1100; // a expired, b and c live
    if (visibility == ReturnExpiredIfNotCleanedUp) {
      assertThat(state.get()).containsExactly("a", "b", "c");
    }
    assertThat(state.get()).containsExactly("b", "c"); // a was removed by the read before

    s.now = 1150; // b, c written at 1050; with update-on-read, refreshed at 1100
    if (update == OnReadAndWrite) {
      assertThat(state.get()).containsExactly("b", "c");
      s.now = 1250;
    }
    if (visibility == ReturnExpiredIfNotCleanedUp) {
      assertThat(state.get()).containsExactly("b", "c");
    }
    assertThat(state.get()).isEmpty();
    assertThat(((TtlListState<?, ?>) state).cleanupExpired(Long.MAX_VALUE)).isZero();
  }

  @Test
  void when_listUpdated_then_allElementsGetTheTimeOfTheUpdate() throws Exception {
    ListState<String> state = s.backend.getState(withTtl(new ListStateDescriptor<>("l", String.class)));
    s.key("k");
    s.now = 1000;
    state.add("old");
    s.now = 1090;
    state.update(List.of("x", "y"));
    s.now = 1189;
    assertThat(state.get()).containsExactly("x", "y");
    s.now = 1190;
    assertThat(state.get()).isEmpty();
  }

  @Test
  void when_listNamespacesMerged_then_elementsKeepTheirOwnTimestamps() throws Exception {
    InternalListState<String, String> state =
        s.backend.getPartitionedState(withTtl(new ListStateDescriptor<>("l", String.class)));
    s.key("k");
    s.now = 1000;
    state.setCurrentNamespace("w1");
    state.add("early");
    s.now = 1050;
    state.setCurrentNamespace("w2");
    state.add("late");
    s.now = 1060;
    state.mergeNamespaces("w2", List.of("w1"));
    s.now = 1100;
    assertThat(state.get()).containsExactly("late");
  }

  // ---- map state: per entry ----

  @ParameterizedTest
  @MethodSource("allConfigs")
  void when_mapEntriesPutAtDifferentTimes_then_eachExpiresOnItsOwn(
      UpdateType update, StateVisibility visibility) throws Exception {
    MapState<String, Integer> state = s.backend.getState(
        withTtl(new MapStateDescriptor<>("m", String.class, Integer.class), update, visibility));
    s.key("k");
    s.now = 1000;
    state.put("x", 1);
    s.now = 1050;
    state.put("y", 2);

    s.now = 1090;
    assertThat(state.get("x")).isEqualTo(1); // refreshes x with update-on-read

    s.now = 1100;
    if (update == OnReadAndWrite) {
      assertThat(state.get("x")).isEqualTo(1);
      assertThat(state.contains("x")).isTrue();
    } else {
      if (visibility == ReturnExpiredIfNotCleanedUp) {
        assertThat(state.contains("x")).isTrue(); // found expired: shown once, then removed
      }
      assertThat(state.get("x")).isNull();
      assertThat(state.contains("x")).isFalse();
    }
    assertThat(state.get("y")).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("allConfigs")
  void when_mapIterated_then_expiredEntriesFollowTheVisibility(
      UpdateType update, StateVisibility visibility) throws Exception {
    MapState<String, Integer> state = s.backend.getState(
        withTtl(new MapStateDescriptor<>("m", String.class, Integer.class), update, visibility));
    s.key("k");
    s.now = 1000;
    state.put("x", 1);
    s.now = 1050;
    state.put("y", 2);

    s.now = 1100;
    assertThat(state.isEmpty()).isFalse();
    if (visibility == ReturnExpiredIfNotCleanedUp) {
      assertThat(state.keys()).containsExactlyInAnyOrder("x", "y");
    }
    assertThat(state.entries()).containsExactly(Map.entry("y", 2)); // refreshes y with update-on-read
    s.now = 1150;
    if (update == OnReadAndWrite) {
      assertThat(state.values()).containsExactly(2);
    } else {
      if (visibility == ReturnExpiredIfNotCleanedUp) {
        assertThat(state.isEmpty()).isFalse();
        assertThat(state.values()).containsExactly(2);
      }
      assertThat(state.isEmpty()).isTrue();
      assertThat(state.keys()).isEmpty();
    }
  }

  @Test
  void when_ttlMapIteratorRemoves_then_mappingRemovedFromState() throws Exception {
    MapState<String, Integer> state =
        s.backend.getState(withTtl(new MapStateDescriptor<>("m", String.class, Integer.class)));
    s.key("k");
    state.putAll(Map.of("a", 1, "b", 2));
    for (Iterator<String> it = state.keys().iterator(); it.hasNext(); ) {
      if (it.next().equals("a")) {
        it.remove();
      }
    }
    assertThat(state.keys()).containsExactly("b");
    assertThat(state.contains("a")).isFalse();
  }

  // ---- reducing and aggregating state: as a whole ----

  @ParameterizedTest
  @MethodSource("allConfigs")
  void when_reducingStateAgesOut_then_visibilityDecidesAndNextAddStartsAfresh(
      UpdateType update, StateVisibility visibility) throws Exception {
    ReducingState<Long> state = s.backend.getState(
        withTtl(new ReducingStateDescriptor<>("r", Long::sum, Long.class), update, visibility));
    s.key("k");
    s.now = 1000;
    state.add(1L);
    s.now = 1050;
    state.add(2L); // a write: the sum lives until 1150
    s.now = 1149;
    assertThat(state.get()).isEqualTo(3L); // refreshes with update-on-read
    s.now = update == OnReadAndWrite ? 1249 : 1150;
    if (visibility == ReturnExpiredIfNotCleanedUp) {
      assertThat(state.get()).isEqualTo(3L);
    }
    assertThat(state.get()).isNull();

    state.add(1L);
    s.now += TTL - 1;
    state.add(5L);
    s.now += TTL;
    state.add(7L); // the 6 expired: not folded in
    assertThat(state.get()).isEqualTo(7L);
  }

  @Test
  void when_reducingNamespacesMergedWithAnExpiredSource_then_theExpiredOneIsDropped() throws Exception {
    InternalReducingState<String, Long> state =
        s.backend.getPartitionedState(withTtl(new ReducingStateDescriptor<>("r", Long::sum, Long.class)));
    s.key("k");
    s.now = 1000;
    state.setCurrentNamespace("old");
    state.add(100L);
    s.now = 1090;
    state.setCurrentNamespace("new");
    state.add(1L);
    s.now = 1100;
    state.mergeNamespaces("new", List.of("old"));
    assertThat(state.get()).isEqualTo(1L);
  }

  @ParameterizedTest
  @MethodSource("allConfigs")
  void when_aggregatingStateAgesOut_then_visibilityDecidesAndNextAddStartsAfresh(
      UpdateType update, StateVisibility visibility) throws Exception {
    AggregatingState<Integer, Double> state = s.backend.getState(withTtl(
        new AggregatingStateDescriptor<>("avg", new HeapAggregatingStateTest.Average(), long[].class),
        update, visibility));
    s.key("k");
    s.now = 1000;
    state.add(2);
    state.add(4);
    s.now = 1099;
    assertThat(state.get()).isEqualTo(3.0);
    s.now = update == OnReadAndWrite ? 1199 : 1100;
    if (visibility == ReturnExpiredIfNotCleanedUp) {
      assertThat(state.get()).isEqualTo(3.0);
    }
    assertThat(state.get()).isNull();
    state.add(10);
    assertThat(state.get()).isEqualTo(10.0);
  }

  @Test
  void when_aggregatingAddFindsExpiredAccumulator_then_itStartsFromAFreshOne() throws Exception {
    AggregatingState<Integer, Double> state = s.backend.getState(withTtl(
        new AggregatingStateDescriptor<>("avg", new HeapAggregatingStateTest.Average(), long[].class)));
    s.key("k");
    state.add(100);
    s.now += TTL;
    state.add(1);
    assertThat(state.get()).isEqualTo(1.0);
  }

  @Test
  void when_aggregatingNamespacesMerged_then_liveAccumulatorsAreMerged() throws Exception {
    InternalAggregatingState<String, Integer, Double> state = s.backend.getPartitionedState(withTtl(
        new AggregatingStateDescriptor<>("avg", new HeapAggregatingStateTest.Average(), long[].class)));
    s.key("k");
    s.now = 1000;
    state.setCurrentNamespace("expired");
    state.add(1000);
    s.now = 1050;
    state.setCurrentNamespace("a");
    state.add(2);
    state.setCurrentNamespace("b");
    state.add(4);
    s.now = 1100;
    state.mergeNamespaces("a", List.of("b", "expired"));
    state.setCurrentNamespace("a");
    assertThat(state.get()).isEqualTo(3.0);
  }

  // ---- full cleanup ----

  @Test
  void when_cleanupExpiredRuns_then_expiredValuesOfKeysNeverTouchedAgainAreRemoved() throws Exception {
    ValueState<Integer> value = s.backend.getState(withTtl(new ValueStateDescriptor<>("v", Integer.class)));
    ListState<Integer> list = s.backend.getState(withTtl(new ListStateDescriptor<>("l", Integer.class)));
    MapState<Integer, Integer> map =
        s.backend.getState(withTtl(new MapStateDescriptor<>("m", Integer.class, Integer.class)));
    ReducingState<Integer> sum =
        s.backend.getState(withTtl(new ReducingStateDescriptor<>("r", Integer::sum, Integer.class)));
    AggregatingState<Integer, Double> avg = s.backend.getState(withTtl(
        new AggregatingStateDescriptor<>("a", new HeapAggregatingStateTest.Average(), long[].class)));
    ValueState<Integer> noTtl = s.backend.getState(new ValueStateDescriptor<>("plain", Integer.class));

    s.now = 1000;
    for (int k = 0; k < 1000; k++) {
      s.key(k);
      value.update(k);
      list.add(k);
      map.put(k, k);
      sum.add(k);
      avg.add(k);
      noTtl.update(k);
    }
    s.now = 1050;
    for (int k = 0; k < 100; k++) { // the first 100 keys get newer values
      s.key(k);
      value.update(k);
      list.add(-k);
      map.put(-k - 1, k);
      sum.add(1);
      avg.add(1);
    }

    assertThat(s.backend.cleanupExpired(1099)).isZero();
    // Expired: 900 values, 1000 list elements, 1000 map entries, 900 sums, 900 averages.
    assertThat(s.backend.cleanupExpired(1100)).isEqualTo(900 + 1000 + 1000 + 900 + 900);

    assertThat(((TtlValueState<?, ?>) value).cleanupExpired(Long.MAX_VALUE)).isEqualTo(100);
    s.now = 1100;
    for (int k = 0; k < 1000; k++) {
      s.key(k);
      assertThat(noTtl.value()).isEqualTo(k);
      if (k < 100) {
        assertThat(list.get()).containsExactly(-k);
        assertThat(map.keys()).containsExactly(-k - 1);
        assertThat(sum.get()).isEqualTo(k + 1);
      } else {
        assertThat(list.get()).isEmpty();
        assertThat(map.isEmpty()).isTrue();
        assertThat(sum.get()).isNull();
        assertThat(avg.get()).isNull();
      }
    }
  }

  @Test
  void when_cleanupExpiredWithoutTime_then_backendClockIsUsed() throws Exception {
    ValueState<Integer> value = s.backend.getState(withTtl(new ValueStateDescriptor<>("v", Integer.class)));
    s.key("k");
    s.now = 1000;
    value.update(1);
    s.now = 1099;
    assertThat(s.backend.cleanupExpired()).isZero();
    s.now = 1100;
    assertThat(s.backend.cleanupExpired()).isEqualTo(1);
  }

  @Test
  void when_cleanupExpiredInReturnExpiredMode_then_expiredValuesAreGoneForGood() throws Exception {
    ValueState<Integer> value = s.backend.getState(
        withTtl(new ValueStateDescriptor<>("v", Integer.class), OnCreateAndWrite, ReturnExpiredIfNotCleanedUp));
    s.key("k");
    s.now = 1000;
    value.update(1);
    s.now = 1100;
    s.backend.cleanupExpired();
    assertThat(value.value()).isNull();
  }
}
