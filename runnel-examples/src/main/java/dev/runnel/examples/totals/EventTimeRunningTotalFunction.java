package dev.runnel.examples.totals;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.MapState;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.examples.EventTimestamps;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyed by customer: emits each order with the customer's running total, in event-time order.
 * An order is held back until the watermark passes its timestamp (an event-time timer at that
 * time), so that earlier orders arriving after it are added first; orders with the same
 * timestamp come out in arrival order. An order at or behind the watermark when it arrives is too
 * late to be put in order: it goes to {@link #LATE} unchanged and is not added to the total.
 *
 * <p>State per customer: the running total, and the held-back orders by timestamp, which the
 * timers empty; so it holds at most the orders of the out-of-orderness bound.
 */
public final class EventTimeRunningTotalFunction
    extends KeyedProcessFunction<String, OrderAmount, RunningTotal> {
  private static final long serialVersionUID = 1L;

  /** Orders that arrived at or behind the watermark. */
  public static final OutputTag<OrderAmount> LATE = new OutputTag<>("late-orders");

  private transient ValueState<BigDecimal> runningTotal;
  private transient MapState<Long, List<OrderAmount>> pending;

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void open(RuntimeContext context) {
    runningTotal = context.getState(new ValueStateDescriptor<>("running-total",
        BigDecimal.class));
    pending = context.getMapState(
        new MapStateDescriptor<Long, List<OrderAmount>>("pending", Long.class,
            (Class<List<OrderAmount>>) (Class) List.class));
  }

  @Override
  public void processElement(OrderAmount order, Context<String> ctx,
      Collector<RunningTotal> out) throws Exception {
    long t = order.timestamp();
    if (t <= ctx.timerService().currentWatermark()) {
      ctx.output(LATE, order);
      return;
    }
    List<OrderAmount> atTime = pending.get(t);
    List<OrderAmount> updated = atTime == null ? new ArrayList<>(1) : new ArrayList<>(atTime);
    updated.add(order);
    pending.put(t, updated);
    ctx.timerService().registerEventTimeTimer(t);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext<String> ctx, Collector<RunningTotal> out)
      throws Exception {
    List<OrderAmount> due = pending.get(timestamp);
    if (due == null) {
      return;
    }
    pending.remove(timestamp);
    BigDecimal total = runningTotal.value();
    for (OrderAmount order : due) {
      total = total == null ? order.amount() : total.add(order.amount());
      out.collect(new RunningTotal(order.orderId(), order.customerId(), order.amount(),
          EventTimestamps.format(order.timestamp()), total));
    }
    runningTotal.update(total);
  }
}
