package dev.runnel.runtime.state;

/** A keyed state with time-to-live, which a full cleanup pass can rid of expired values. */
interface TtlState {
  /**
   * Removes every value (list element, map entry) that is expired at processing time {@code now},
   * over all keys and namespaces; returns how many were removed.
   */
  long cleanupExpired(long now);

  /** The table that stores the wrapped values, for snapshots. */
  StateTable<?, ?> table();
}
