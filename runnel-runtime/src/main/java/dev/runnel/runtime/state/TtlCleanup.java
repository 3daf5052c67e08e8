package dev.runnel.runtime.state;

import dev.runnel.runtime.operators.OperatorContext;
import dev.runnel.runtime.time.ProcessingTimeService;

/**
 * Removes expired time-to-live state on a processing-time schedule, so that values of keys that
 * are never read again do not stay in memory for ever. Reads already hide expired values; this is
 * what bounds memory. Each pass scans the operator's TTL state, so its cost is proportional to the
 * state's size once per {@link #INTERVAL_MILLIS}.
 */
public final class TtlCleanup {
  /** How often a keyed operator with TTL state sweeps it. */
  public static final long INTERVAL_MILLIS = 1_000;

  private final KeyedStateBackend backend;
  private final ProcessingTimeService processingTime;
  private final OperatorContext owner;

  private TtlCleanup(
      KeyedStateBackend backend, ProcessingTimeService processingTime, OperatorContext owner) {
    this.backend = backend;
    this.processingTime = processingTime;
    this.owner = owner;
  }

  /**
   * Starts sweeping {@code backend} if it has TTL state. Call after the operator's function has
   * registered its state (after {@code open()}).
   */
  public static void startIfNeeded(KeyedStateBackend backend, OperatorContext owner) {
    if (backend.hasTtlState()) {
      TtlCleanup cleanup = new TtlCleanup(backend, owner.processingTime(), owner);
      cleanup.scheduleNext();
    }
  }

  private void scheduleNext() {
    processingTime.schedule(processingTime.now() + INTERVAL_MILLIS, this::sweep, owner);
  }

  private void sweep(long time) {
    backend.cleanupExpired(processingTime.now());
    scheduleNext();
  }
}
