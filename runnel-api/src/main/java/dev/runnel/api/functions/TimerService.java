package dev.runnel.api.functions;

import dev.runnel.api.annotation.Public;

/**
 * Timers of the current key. A timer fires once, calling {@code onTimer} in the scope of the key
 * that registered it; registering the same (key, time) twice gives one timer. Timers fire in time
 * order: event-time timers when the watermark reaches their time, processing-time timers when the
 * clock does. Processing-time timers still pending when a bounded job ends do not fire.
 */
@Public
public interface TimerService {
  /** The clock of processing-time timers, in epoch milliseconds. */
  long currentProcessingTime();

  /** The operator's current event time: its input watermark ({@code Long.MIN_VALUE} before any). */
  long currentWatermark();

  void registerEventTimeTimer(long time);

  void registerProcessingTimeTimer(long time);

  void deleteEventTimeTimer(long time);

  void deleteProcessingTimeTimer(long time);
}
