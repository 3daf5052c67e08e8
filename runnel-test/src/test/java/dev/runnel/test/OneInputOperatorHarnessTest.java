package dev.runnel.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.InvalidJobException;
import dev.runnel.api.OperatorException;
import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.MapFunction;
import dev.runnel.api.functions.ProcessFunction;
import dev.runnel.api.functions.RichFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.runtime.state.KeyGroups;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One operator at a time, through the harness: each factory, timestamps, state, failures. */
class OneInputOperatorHarnessTest {

  record Order(String user, int amount) {}

  record Total(String user, int total) {}

  static final OutputTag<Order> REJECTED = new OutputTag<>("rejected");

  /** What lifecycle functions saw; static because the harness runs a serialized copy of them. */
  static final List<String> EVENTS = new CopyOnWriteArrayList<>();

  @BeforeEach
  void clearEvents() {
    EVENTS.clear();
  }

  // ---------------------------------------------------------------- map, filter, flatMap

  @Test
  void when_mapFunction_then_eachElementMappedInOrder() {
    try (OneInputOperatorHarness<String, Integer> harness =
        OneInputOperatorHarness.forMap(String::length)) {
      harness.open();
      harness.processElement("a");
      harness.processElement("abc");
      harness.processElement("ab");

      assertThat(harness.output()).containsExactly(1, 3, 2);
    }
  }

  @Test
  void when_filterRejectsSome_then_onlyAcceptedElementsRemainInOrder() {
    try (OneInputOperatorHarness<Integer, Integer> harness =
        OneInputOperatorHarness.forFilter(x -> x % 2 == 0)) {
      harness.open();
      for (int i = 1; i <= 6; i++) {
        harness.processElement(i);
      }

      assertThat(harness.output()).containsExactly(2, 4, 6);
    }
  }

  @Test
  void when_flatMapEmitsSeveral_then_eachKeepsTheInputTimestamp() {
    try (OneInputOperatorHarness<String, String> harness = OneInputOperatorHarness.forFlatMap(
        (String line, Collector<String> out) -> {
          for (String word : line.split(" ")) {
            out.collect(word);
          }
        })) {
      harness.open();
      harness.processElement("a b", 1_000L);
      harness.processElement("c");

      assertThat(harness.outputWithTimestamps()).containsExactly(
          new TimestampedValue<>("a", 1_000L),
          new TimestampedValue<>("b", 1_000L),
          new TimestampedValue<>("c", null));
      assertThat(harness.output()).containsExactly("a", "b", "c");
    }
  }

  @Test
  void when_mapFunctionMapsElementWithTimestamp_then_resultCarriesIt() {
    try (OneInputOperatorHarness<Integer, Integer> harness =
        OneInputOperatorHarness.forMap(x -> x * 10)) {
      harness.open();
      harness.processElement(1, 5L);
      harness.processElement(2);
      harness.processElement(3, 0L);

      assertThat(harness.outputWithTimestamps()).containsExactly(
          new TimestampedValue<>(10, 5L),
          new TimestampedValue<>(20, null),
          new TimestampedValue<>(30, 0L));
    }
  }

  // ---------------------------------------------------------------- process, side outputs

  /** Sends negative orders to a side output, stamping valid ones with the timestamp it saw. */
  static final class Validate extends ProcessFunction<Order, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(Order order, Context ctx, Collector<String> out) {
      if (order.amount() < 0) {
        ctx.output(REJECTED, order);
      } else {
        out.collect(order.user() + "@" + ctx.timestamp());
      }
    }
  }

  @Test
  void when_processFunctionEmitsToSideOutput_then_sideAndMainOutputsAreSeparate() {
    try (OneInputOperatorHarness<Order, String> harness =
        OneInputOperatorHarness.forProcess(new Validate())) {
      harness.open();
      harness.processElement(new Order("ann", 10), 100L);
      harness.processElement(new Order("bob", -1), 200L);
      harness.processElement(new Order("cid", 5));
      harness.processElement(new Order("dan", -7));

      assertThat(harness.output()).containsExactly("ann@100", "cid@null");
      assertThat(harness.sideOutput(REJECTED))
          .containsExactly(new Order("bob", -1), new Order("dan", -7));
      assertThat(harness.sideOutput(new OutputTag<Order>("never-emitted"))).isEmpty();
    }
  }

  // ---------------------------------------------------------------- keyed process, state

  /** A running total per user, in keyed value state. */
  static final class RunningTotal extends KeyedProcessFunction<String, Order, Total> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<Integer> total;

    @Override
    public void open(RuntimeContext context) {
      total = context.getState(new ValueStateDescriptor<>("total", Integer.class));
    }

    @Override
    public void processElement(Order order, Context<String> ctx, Collector<Total> out)
        throws Exception {
      int next = (total.value() == null ? 0 : total.value()) + order.amount();
      total.update(next);
      out.collect(new Total(ctx.getCurrentKey(), next));
    }
  }

  @Test
  void when_keyedFunctionSeesTwoKeys_then_stateIsSeparatePerKey() {
    try (OneInputOperatorHarness<Order, Total> harness =
        OneInputOperatorHarness.forKeyedProcess(new RunningTotal(), Order::user)) {
      harness.open();
      harness.processElement(new Order("ann", 10));
      harness.processElement(new Order("bob", 5));
      harness.processElement(new Order("ann", 7));
      harness.processElement(new Order("bob", 1));

      assertThat(harness.output()).containsExactly(
          new Total("ann", 10), new Total("bob", 5), new Total("ann", 17), new Total("bob", 6));
    }
  }

  @Test
  void when_keyedFunctionEmits_then_outputKeepsElementTimestamp() {
    try (OneInputOperatorHarness<Order, Total> harness =
        OneInputOperatorHarness.forKeyedProcess(new RunningTotal(), Order::user)) {
      harness.open();
      harness.processElement(new Order("ann", 1), 42L);

      assertThat(harness.outputWithTimestamps())
          .containsExactly(new TimestampedValue<>(new Total("ann", 1), 42L));
    }
  }

  @Test
  void when_keyedSubtaskOwnsPartOfTheKeyGroups_then_itsKeysAreProcessedAndOthersRejected() {
    String owned = keyOwnedBy(0, 2);
    String foreign = keyOwnedBy(1, 2);
    try (OneInputOperatorHarness<Order, Total> harness =
        OneInputOperatorHarness.forKeyedProcess(new RunningTotal(), Order::user).subtask(0, 2)) {
      harness.open();
      harness.processElement(new Order(owned, 3));

      assertThatThrownBy(() -> harness.processElement(new Order(foreign, 4)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key " + foreign)
          .hasMessageContaining("owned by subtask 1 of 2");
      harness.processElement(new Order(owned, 4)); // a rejected record does not fail the operator
      assertThat(harness.output()).containsExactly(new Total(owned, 3), new Total(owned, 7));
    }
  }

  private static String keyOwnedBy(int subtask, int parallelism) {
    for (int i = 0; ; i++) {
      String key = "user-" + i;
      int keyGroup = KeyGroups.keyGroupOf(key, 128);
      if (KeyGroups.subtaskOf(keyGroup, 128, parallelism) == subtask) {
        return key;
      }
    }
  }

  /** Asks for keyed state, which an operator not after keyBy(...) does not have. */
  static final class AsksForKeyedState extends ProcessFunction<String, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void open(RuntimeContext context) {
      context.getState(new ValueStateDescriptor<>("s", String.class));
    }

    @Override
    public void processElement(String value, Context ctx, Collector<String> out) {}
  }

  @Test
  void when_nonKeyedFunctionAsksForKeyedState_then_openFailsPinnedOnOperator() {
    try (OneInputOperatorHarness<String, String> harness =
        OneInputOperatorHarness.forProcess(new AsksForKeyedState()).operatorName("stateful")) {
      OperatorException e = catchThrowableOfType(OperatorException.class, harness::open);

      assertThat(e.operatorName()).isEqualTo("stateful");
      assertThat(e.record()).isNull();
      assertThat(e.getCause()).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not keyed");
    }
  }

  // ---------------------------------------------------------------- failures

  @Test
  void when_functionThrows_then_operatorExceptionNamesOperatorSubtaskAndRecord() {
    try (OneInputOperatorHarness<Order, Integer> harness = OneInputOperatorHarness
        .forMap((Order o) -> {
          if (o.amount() < 0) {
            throw new IllegalArgumentException("negative amount");
          }
          return o.amount();
        })
        .operatorName("validate")
        .subtask(2, 3)) {
      harness.open();
      harness.processElement(new Order("ann", 1));

      OperatorException e = catchThrowableOfType(
          OperatorException.class, () -> harness.processElement(new Order("bob", -5)));

      assertThat(e.operatorName()).isEqualTo("validate");
      assertThat(e.subtaskIndex()).isEqualTo(2);
      assertThat(e.record()).isEqualTo("Order[user=bob, amount=-5]");
      assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("negative amount");
      assertThat(e.getMessage()).contains("validate", "subtask 2 of 3", "bob", "negative amount");
      assertThat(harness.output()).containsExactly(1);
    }
  }

  @Test
  void when_operatorHasFailed_then_onlyCloseIsAllowed() {
    try (OneInputOperatorHarness<Integer, Integer> harness =
        OneInputOperatorHarness.forMap(x -> 10 / x)) {
      harness.open();
      assertThatThrownBy(() -> harness.processElement(0)).isInstanceOf(OperatorException.class);

      assertThatThrownBy(() -> harness.processElement(1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("failed");
      assertThatThrownBy(harness::endInput).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void when_keySelectorThrows_then_failureIsPinnedOnTheRecord() {
    try (OneInputOperatorHarness<Order, Total> harness = OneInputOperatorHarness.forKeyedProcess(
        new RunningTotal(), (Order o) -> o.user().toUpperCase())) {
      harness.open();

      OperatorException e = catchThrowableOfType(
          OperatorException.class, () -> harness.processElement(new Order(null, 1)));

      assertThat(e.operatorName()).isEqualTo("KeyedProcess");
      assertThat(e.record()).isEqualTo("Order[user=null, amount=1]");
      assertThat(e.getCause()).isInstanceOf(NullPointerException.class);
    }
  }

  @Test
  void when_functionIsNotSerializable_then_harnessCannotBeCreated() {
    Object notSerializable = new Object();
    MapFunction<String, String> captures = s -> s + notSerializable;

    assertThatThrownBy(() -> OneInputOperatorHarness.forMap(captures))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("'Map'")
        .hasMessageContaining("serializable");
  }

  // ---------------------------------------------------------------- lifecycle

  /** Records its lifecycle and what its runtime context says. */
  static final class Lifecycle implements MapFunction<String, String>, RichFunction {
    private static final long serialVersionUID = 1L;
    int mapped; // set on the harness's copy, never on the instance the test created

    @Override
    public void open(RuntimeContext ctx) {
      EVENTS.add("open " + ctx.jobName() + "/" + ctx.operatorName() + " " + ctx.subtaskIndex()
          + " of " + ctx.parallelism() + ", max " + ctx.maxParallelism());
    }

    @Override
    public String map(String value) {
      mapped++;
      EVENTS.add("map " + value + " #" + mapped);
      return value;
    }

    @Override
    public void close() {
      EVENTS.add("close");
    }
  }

  @Test
  void when_richFunctionRunsThroughLifecycle_then_openedWithContextAndClosedOnce() {
    Lifecycle function = new Lifecycle();
    OneInputOperatorHarness<String, String> harness = OneInputOperatorHarness.forMap(function)
        .operatorName("enrich").subtask(1, 4).maxParallelism(64);

    harness.open();
    harness.processElement("x");
    harness.processElement("y");
    harness.endInput();
    harness.close();
    harness.close();

    assertThat(EVENTS).containsExactly(
        "open operator-harness/enrich 1 of 4, max 64", "map x #1", "map y #2", "close");
    assertThat(function.mapped).as("the harness runs a copy, as a job does").isZero();
  }

  @Test
  void when_calledOutOfOrder_then_illegalState() {
    try (OneInputOperatorHarness<String, String> harness =
        OneInputOperatorHarness.forMap(s -> s)) {
      assertThatThrownBy(() -> harness.processElement("early"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("call open() first");

      harness.open();
      assertThatThrownBy(harness::open).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> harness.subtask(0, 2)).isInstanceOf(IllegalStateException.class);

      harness.endInput();
      assertThatThrownBy(() -> harness.processElement("late"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("endInput() was called");
    }
  }

  @Test
  void when_timestampIsLongMinValue_then_rejectedAsReservedForNoTimestamp() {
    try (OneInputOperatorHarness<String, String> harness =
        OneInputOperatorHarness.forMap(s -> s)) {
      harness.open();

      assertThatThrownBy(() -> harness.processElement("x", Long.MIN_VALUE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no timestamp");
    }
  }

  // ---------------------------------------------------------------- watermarks, clearing

  @Test
  void when_watermarkReachesStatelessOperator_then_itIsForwarded() {
    try (OneInputOperatorHarness<String, String> harness =
        OneInputOperatorHarness.forFilter(s -> !s.isEmpty())) {
      harness.open();
      harness.processElement("a", 5L);
      harness.processWatermark(10L);
      harness.processWatermark(Long.MAX_VALUE);

      assertThat(harness.watermarks()).containsExactly(10L, Long.MAX_VALUE);
    }
  }

  @Test
  void when_outputCleared_then_onlyLaterRecordsAreSeen() {
    try (OneInputOperatorHarness<Order, Total> harness =
        OneInputOperatorHarness.forKeyedProcess(new RunningTotal(), Order::user)) {
      harness.open();
      harness.processElement(new Order("ann", 1));
      harness.processWatermark(1L);

      harness.clearOutput();
      harness.processElement(new Order("ann", 2));

      assertThat(harness.output()).containsExactly(new Total("ann", 3)); // state is kept
      assertThat(harness.watermarks()).isEmpty();
    }
  }

  @Test
  void when_outputReadBeforeMoreElements_then_earlierListDoesNotChange() {
    try (OneInputOperatorHarness<Integer, Integer> harness =
        OneInputOperatorHarness.forMap(x -> x)) {
      harness.open();
      harness.processElement(1);
      List<Integer> before = harness.output();

      harness.processElement(2);

      assertThat(before).containsExactly(1);
      assertThat(harness.output()).containsExactly(1, 2);
    }
  }
}
