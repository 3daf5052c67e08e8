package dev.runnel.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.DataStream;
import dev.runnel.api.JobExecutionException;
import dev.runnel.api.OperatorException;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.CollectSink;
import dev.runnel.api.connector.CollectionSource;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.functions.CoProcessFunction;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedCoProcessFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.functions.TimeDomain;
import dev.runnel.api.state.ListState;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** connect(...) through whole jobs: co-process functions, keyed and not, with state and timers. */
class ConnectedStreamsJobTest {

  /** Switches a key on or off. */
  record Control(String key, boolean enabled) {}

  record Event(String key, int value) {}

  /**
   * Passes events of enabled keys, drops those of disabled keys. Events that arrive before their
   * key's control are held back until it arrives, so the result does not depend on how the two
   * inputs interleave.
   */
  static final class ControlGate extends CoProcessFunction<Control, Event, Event> {
    private final Map<String, Boolean> enabled = new HashMap<>();
    private final Map<String, List<Event>> waiting = new HashMap<>();

    @Override
    public void processElement1(Control c, Context ctx, Collector<Event> out) {
      enabled.put(c.key(), c.enabled());
      List<Event> held = waiting.remove(c.key());
      if (held != null && c.enabled()) {
        held.forEach(out::collect);
      }
    }

    @Override
    public void processElement2(Event e, Context ctx, Collector<Event> out) {
      Boolean on = enabled.get(e.key());
      if (on == null) {
        waiting.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
      } else if (on) {
        out.collect(e);
      }
    }
  }

  /** The same gate with keyed state, which both inputs share. */
  static final class KeyedControlGate extends KeyedCoProcessFunction<String, Control, Event, Event> {
    private transient ValueState<Boolean> enabled;
    private transient ListState<Event> waiting;

    @Override
    public void open(RuntimeContext ctx) {
      enabled = ctx.getState(new ValueStateDescriptor<>("enabled", Boolean.class));
      waiting = ctx.getListState(new ListStateDescriptor<>("waiting", Event.class));
    }

    @Override
    public void processElement1(Control c, Context<String> ctx, Collector<Event> out)
        throws Exception {
      assertThat(ctx.getCurrentKey()).isEqualTo(c.key());
      enabled.update(c.enabled());
      if (c.enabled()) {
        for (Event e : waiting.get()) {
          out.collect(e);
        }
      }
      waiting.clear();
    }

    @Override
    public void processElement2(Event e, Context<String> ctx, Collector<Event> out)
        throws Exception {
      assertThat(ctx.getCurrentKey()).isEqualTo(e.key());
      Boolean on = enabled.value();
      if (on == null) {
        waiting.add(e);
      } else if (on) {
        out.collect(e);
      }
    }
  }

  private static List<Control> controls() {
    List<Control> controls = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      controls.add(new Control("k" + k, k % 3 != 0));
    }
    return controls;
  }

  private static List<Event> events() {
    List<Event> events = new ArrayList<>();
    Random r = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      events.add(new Event("k" + r.nextInt(20), i));
    }
    return events;
  }

  private static List<Event> expectedGated() {
    return events().stream().filter(e -> Integer.parseInt(e.key().substring(1)) % 3 != 0).toList();
  }

  @Test
  void when_controlStreamConnected_then_onlyEnabledKeysPass() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    DataStream<Control> control = env.fromCollection(controls());
    DataStream<Event> data = env.fromCollection(events());

    List<Event> out = control.connect(data).process(new ControlGate()).executeAndCollect();

    assertThat(out).containsExactlyInAnyOrderElementsOf(expectedGated());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void when_keyedConnected_then_bothInputsShareKeyedState(int parallelism) {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(parallelism);
    DataStream<Control> control = env.fromCollection(controls());
    DataStream<Event> data = env.fromCollection(events());

    List<Event> out = control.connect(data)
        .keyBy(Control::key, Event::key)
        .process(new KeyedControlGate())
        .executeAndCollect();

    assertThat(out).containsExactlyInAnyOrderElementsOf(expectedGated());
  }

  @Test
  void when_twoKeyedStreamsConnected_then_keyedFunctionRuns() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    List<Event> out = env.fromCollection(controls()).keyBy(Control::key)
        .connect(env.fromCollection(events()).keyBy(Event::key))
        .process(new KeyedControlGate())
        .executeAndCollect();

    assertThat(out).containsExactlyInAnyOrderElementsOf(expectedGated());
  }

  @Test
  void when_keyedFunctionOnUnkeyedInputs_then_rejectedWhenBuilt() {
    StreamEnvironment env = StreamEnvironment.create();
    var connected = env.fromElements(new Control("a", true)).connect(env.fromElements(1));
    assertThatThrownBy(() -> connected.process(
        new KeyedCoProcessFunction<String, Control, Integer, String>() {
          @Override
          public void processElement1(Control v, Context<String> c, Collector<String> o) {}

          @Override
          public void processElement2(Integer v, Context<String> c, Collector<String> o) {}
        }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keyBy(keySelector1, keySelector2)");
  }

  record Order(String id, long time) {}

  record Payment(String orderId, long time) {}

  /**
   * Reports each order as paid when its payment arrives (before or after the order), or as unpaid
   * when event time passes one second after the order without a payment. Order, payment and the
   * timer share the key's state.
   */
  static final class PaymentTimeout extends KeyedCoProcessFunction<String, Order, Payment, String> {
    private transient ValueState<Long> orderTime;
    private transient ValueState<Boolean> paid;

    @Override
    public void open(RuntimeContext ctx) {
      orderTime = ctx.getState(new ValueStateDescriptor<>("order-time", Long.class));
      paid = ctx.getState(new ValueStateDescriptor<>("paid", Boolean.class));
    }

    @Override
    public void processElement1(Order o, Context<String> ctx, Collector<String> out)
        throws Exception {
      if (Boolean.TRUE.equals(paid.value())) {
        out.collect("paid " + o.id());
        return;
      }
      orderTime.update(ctx.timestamp());
      ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 1000);
    }

    @Override
    public void processElement2(Payment p, Context<String> ctx, Collector<String> out)
        throws Exception {
      Long t = orderTime.value();
      if (t == null) {
        paid.update(true);
        return;
      }
      ctx.timerService().deleteEventTimeTimer(t + 1000);
      orderTime.clear();
      out.collect("paid " + p.orderId());
    }

    @Override
    public void onTimer(long ts, OnTimerContext<String> ctx, Collector<String> out)
        throws Exception {
      assertThat(ctx.timeDomain()).isEqualTo(TimeDomain.EVENT_TIME);
      assertThat(ctx.timerService().currentWatermark()).isGreaterThanOrEqualTo(ts);
      orderTime.clear();
      out.collect("unpaid " + ctx.getCurrentKey() + " at " + ts);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void when_keyedTimersOnCombinedWatermark_then_unpaidOrdersReportedOnce(int parallelism) {
    List<Order> orders = new ArrayList<>();
    List<Payment> payments = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long t = i * 100L;
      orders.add(new Order("o" + i, t));
      if (i % 4 == 0) {
        expected.add("unpaid o" + i + " at " + (t + 1000));
      } else {
        payments.add(new Payment("o" + i, t + 10 * (i % 50))); // up to 490 ms after the order
        expected.add("paid o" + i);
      }
    }
    payments.sort((a, b) -> Long.compare(a.time(), b.time()));
    StreamEnvironment env = StreamEnvironment.create().setParallelism(parallelism)
        .setWatermarkInterval(Duration.ZERO);
    DataStream<Order> orderStream = env.fromSource(new CollectionSource<>(orders),
        WatermarkStrategy.<Order>forMonotonousTimestamps().withTimestampAssigner((o, x) -> o.time()),
        "orders");
    DataStream<Payment> paymentStream = env.fromSource(new CollectionSource<>(payments),
        WatermarkStrategy.<Payment>forMonotonousTimestamps()
            .withTimestampAssigner((p, x) -> p.time()),
        "payments");

    List<String> out = orderStream.connect(paymentStream)
        .keyBy(Order::id, Payment::orderId)
        .process(new PaymentTimeout())
        .executeAndCollect();

    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** Passes the first input, sends the second to a side output. */
  static final class SecondToSide extends CoProcessFunction<String, Integer, String> {
    private final OutputTag<String> tag;

    SecondToSide(OutputTag<String> tag) {
      this.tag = tag;
    }

    @Override
    public void processElement1(String s, Context ctx, Collector<String> out) {
      out.collect(s);
    }

    @Override
    public void processElement2(Integer i, Context ctx, Collector<String> out) {
      ctx.output(tag, "#" + i);
    }
  }

  static final class FailOnTwo extends CoProcessFunction<String, Integer, String> {
    @Override
    public void processElement1(String s, Context ctx, Collector<String> out) {}

    @Override
    public void processElement2(Integer i, Context ctx, Collector<String> out) {
      if (i == 2) {
        throw new IllegalArgumentException("no twos");
      }
    }
  }

  @Test
  void when_coProcessEmitsToSideOutput_then_sideOutputCanBeConsumed() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    OutputTag<String> seconds = new OutputTag<>("second-input");
    DataStream<String> main = env.fromElements("a", "b")
        .connect(env.fromElements(1, 2, 3))
        .process(new SecondToSide(seconds));
    CollectSink<String> side = new CollectSink<>();
    main.getSideOutput(seconds).sinkTo(side);

    List<String> out = main.executeAndCollect();

    assertThat(out).containsExactlyInAnyOrder("a", "b");
    assertThat(side.records()).containsExactlyInAnyOrder("#1", "#2", "#3");
  }

  @Test
  void when_functionFailsOnSecondInput_then_failurePinnedOnOperatorAndRecord() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    DataStream<String> out = env.fromElements("a")
        .connect(env.fromElements(1, 2, 3))
        .process(new FailOnTwo())
        .name("Picky");

    assertThatThrownBy(out::executeAndCollect)
        .isInstanceOf(JobExecutionException.class)
        .cause().isInstanceOf(OperatorException.class)
        .satisfies(e -> {
          OperatorException oe = (OperatorException) e;
          assertThat(oe.operatorName()).isEqualTo("Picky");
          assertThat(oe.record()).isEqualTo("2");
        })
        .hasRootCauseMessage("no twos");
  }
}
