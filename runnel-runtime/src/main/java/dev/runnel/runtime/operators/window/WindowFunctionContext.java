package dev.runnel.runtime.operators.window;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.state.AggregatingState;
import dev.runnel.api.state.AggregatingStateDescriptor;
import dev.runnel.api.state.KeyedStateStore;
import dev.runnel.api.state.ListState;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.MapState;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.ReducingState;
import dev.runnel.api.state.ReducingStateDescriptor;
import dev.runnel.api.state.StateDescriptor;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.api.window.Window;
import dev.runnel.runtime.operators.Output;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.state.InternalKvState;
import dev.runnel.runtime.state.VoidNamespace;
import dev.runnel.runtime.time.InternalTimerService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The context of a window function call, re-pointed at each firing window. Per-window state is
 * keyed state in the namespace of the window; the operator removes every per-window state the
 * function asked for when the window is cleaned up ({@link #clearWindowState}).
 */
final class WindowFunctionContext implements ProcessWindowFunction.Context<Window> {
  private final KeyedStateBackend backend;
  private final LongSupplier processingTime;
  private final LongSupplier watermark;
  private final Output output;
  private final boolean merging;
  private final Map<String, StateDescriptor<?, ?>> windowStateUsed = new LinkedHashMap<>();
  private final KeyedStateStore windowState = new Store(true);
  private final KeyedStateStore globalState = new Store(false);
  Window window;

  WindowFunctionContext(KeyedStateBackend backend, InternalTimerService<Window> timers,
      Output output, boolean merging) {
    this(backend, timers::currentProcessingTime, timers::currentWatermark, output, merging);
  }

  /** For an operator without a timer service: the clocks are read through the suppliers. */
  WindowFunctionContext(KeyedStateBackend backend, LongSupplier processingTime,
      LongSupplier watermark, Output output, boolean merging) {
    this.backend = backend;
    this.processingTime = processingTime;
    this.watermark = watermark;
    this.output = output;
    this.merging = merging;
  }

  @Override
  public Window window() {
    return window;
  }

  @Override
  public long currentProcessingTime() {
    return processingTime.getAsLong();
  }

  @Override
  public long currentWatermark() {
    return watermark.getAsLong();
  }

  @Override
  public KeyedStateStore windowState() {
    if (merging) {
      throw new UnsupportedOperationException(
          "per-window state is not available with merging (session) windows");
    }
    return windowState;
  }

  @Override
  public KeyedStateStore globalState() {
    return globalState;
  }

  @Override
  public <X> void output(OutputTag<X> tag, X value) {
    output.emitSide(tag, value, window.maxTimestamp());
  }

  /** Removes every per-window state used so far in {@link #window}, for the current key. */
  void clearWindowState() {
    for (StateDescriptor<?, ?> d : windowStateUsed.values()) {
      InternalKvState<?> state = WindowStates.get(backend, d, window);
      state.clear();
    }
  }

  private final class Store implements KeyedStateStore {
    private final boolean perWindow;

    Store(boolean perWindow) {
      this.perWindow = perWindow;
    }

    private <S> S get(StateDescriptor<?, ?> descriptor) {
      if (perWindow) {
        windowStateUsed.putIfAbsent(descriptor.name(), descriptor);
        return WindowStates.get(backend, descriptor, window);
      }
      return WindowStates.get(backend, descriptor, VoidNamespace.INSTANCE);
    }

    @Override
    public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
      return get(descriptor);
    }

    @Override
    public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
      return get(descriptor);
    }

    @Override
    public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
      return get(descriptor);
    }

    @Override
    public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
      return get(descriptor);
    }

    @Override
    public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
        AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
      return get(descriptor);
    }
  }
}
