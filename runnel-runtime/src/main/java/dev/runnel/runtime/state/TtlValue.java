package dev.runnel.runtime.state;

/**
 * A stored value with the processing time it was last written (or, with update-on-read, read).
 * Immutable, so a refresh replaces it rather than changing it.
 */
record TtlValue<T>(T userValue, long lastAccessTimestamp) {}
