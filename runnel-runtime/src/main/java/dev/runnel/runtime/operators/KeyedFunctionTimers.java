package dev.runnel.runtime.operators;

import dev.runnel.api.functions.TimeDomain;
import dev.runnel.api.functions.TimerService;
import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.checkpoint.OperatorStateReader;
import dev.runnel.runtime.time.InternalTimerService;

/**
 * The {@link TimerService} a keyed process function sees (one- or two-input), over its
 * operator's timers, and which time domain is firing while {@code onTimer} runs. Process functions
 * have no windows, so all their timers share one namespace.
 */
final class KeyedFunctionTimers implements TimerService {
  private static final Object NO_NAMESPACE = null;
  /** The keyed stream the timers are checkpointed in. */
  static final String STREAM = "process-timers";

  /** The user's {@code onTimer} call. */
  @FunctionalInterface
  interface OnTimer {
    void call() throws Exception;
  }

  private final InternalTimerService<Object> timers;
  private TimeDomain firing;

  KeyedFunctionTimers(InternalTimerService<Object> timers) {
    this.timers = timers;
  }

  /** Checkpoints the timers, both domains, as keyed stream {@value #STREAM}. */
  void snapshot(OperatorSnapshotWriter writer) {
    timers.snapshot(writer, STREAM);
  }

  /** Registers again the timers of this subtask's key groups from a checkpoint. */
  void restore(OperatorStateReader reader) {
    timers.restore(reader, STREAM);
  }

  InternalTimerService<Object> internal() {
    return timers;
  }

  /** Runs {@code onTimer} with {@link #timeDomain()} answering {@code domain}. */
  void fire(TimeDomain domain, OnTimer onTimer) throws Exception {
    firing = domain;
    try {
      onTimer.call();
    } finally {
      firing = null;
    }
  }

  /** The domain of the timer firing now; only defined inside {@code onTimer}. */
  TimeDomain timeDomain() {
    if (firing == null) {
      throw new IllegalStateException("timeDomain() is only defined inside onTimer(...)");
    }
    return firing;
  }

  @Override
  public long currentProcessingTime() {
    return timers.currentProcessingTime();
  }

  @Override
  public long currentWatermark() {
    return timers.currentWatermark();
  }

  @Override
  public void registerEventTimeTimer(long time) {
    timers.registerEventTimeTimer(NO_NAMESPACE, time);
  }

  @Override
  public void registerProcessingTimeTimer(long time) {
    timers.registerProcessingTimeTimer(NO_NAMESPACE, time);
  }

  @Override
  public void deleteEventTimeTimer(long time) {
    timers.deleteEventTimeTimer(NO_NAMESPACE, time);
  }

  @Override
  public void deleteProcessingTimeTimer(long time) {
    timers.deleteProcessingTimeTimer(NO_NAMESPACE, time);
  }
}
