package dev.runnel.runtime.checkpoint;

import dev.runnel.api.connector.Source;

/** Unbounded replayable sources for tests. */
final class GeneratorSourceFixture {
  private GeneratorSourceFixture() {}

  static Source<Long> unboundedReplayable() {
    return new ReplayableSequenceSource(Long.MAX_VALUE, 2, 10);
  }
}
