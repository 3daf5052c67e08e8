package dev.runnel.runtime.exchange;

/**
 * Chooses the channel (consumer subtask) of each record on one producer subtask. One instance per
 * producer subtask; not thread-safe.
 */
public interface Partitioner {
  /** The index of the channel that receives {@code record}, from 0 to the channel count - 1. */
  int select(Object record) throws Exception;
}
