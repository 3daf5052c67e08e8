package dev.runnel.bench.nexmark;

import dev.runnel.nexmark.generator.GeneratorConfig;

/** Runs one NEXMark query to the end on one engine, in this JVM. */
public interface Engine {
  String name();

  /**
   * Runs {@code query} over the events of {@code config} at {@code parallelism}, waits for the end
   * and returns what it measured. The sink always counts; it computes the output's {@code
   * Checksum} only if {@code checksum} (hashing each record's string form costs more than some
   * queries). The caller resets {@link RunProbe} and samples the heap.
   */
  RunResult run(String query, GeneratorConfig config, int parallelism, boolean checksum)
      throws Exception;
}
