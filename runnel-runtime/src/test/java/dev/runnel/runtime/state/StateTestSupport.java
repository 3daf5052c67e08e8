package dev.runnel.runtime.state;

/** A backend over all 128 key groups with a processing-time clock the test moves by hand. */
final class StateTestSupport {
  static final int MAX_PARALLELISM = 128;

  /** The manual clock: a mutable long. */
  long now = 1_000;

  final HeapKeyedStateBackend backend = new HeapKeyedStateBackend(
      KeyGroups.rangeOf(0, MAX_PARALLELISM, 1), MAX_PARALLELISM, () -> now);

  void key(Object key) {
    backend.setCurrentKey(key);
  }
}
