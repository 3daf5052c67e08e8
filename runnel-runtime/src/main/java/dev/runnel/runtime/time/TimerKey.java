package dev.runnel.runtime.time;

/**
 * A timer: a time, the key it belongs to and a namespace (the window, for window operators).
 * Equal timers are one timer.
 */
public record TimerKey<N>(long timestamp, Object key, N namespace) {}
