package dev.runnel.bench.nexmark.flink;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * Split {@code index} of {@code count} of the NEXMark sequence: event numbers {@code index, index +
 * count, index + 2 count, …}; {@code emitted} of them have been emitted.
 */
public record SequenceSplit(int index, int count, long emitted) implements SourceSplit {
  @Override
  public String splitId() {
    return index + "/" + count;
  }
}
