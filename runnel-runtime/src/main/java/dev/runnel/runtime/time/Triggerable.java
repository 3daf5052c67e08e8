package dev.runnel.runtime.time;

/** An operator whose timers fire: called with the timer's key already set as the current key. */
public interface Triggerable<N> {
  void onEventTime(TimerKey<N> timer) throws Exception;

  void onProcessingTime(TimerKey<N> timer) throws Exception;
}
