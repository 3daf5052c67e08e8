package dev.runnel.bench.nexmark;

import dev.runnel.nexmark.Checksum;

/**
 * What one run of one query on one engine measured.
 *
 * @param events events the source produced
 * @param outputCount records that reached the sink
 * @param checksum order-independent checksum of those records, or null if not computed
 * @param startupNanos from submitting the job to the first event leaving a source
 * @param processNanos from the first event leaving a source to the last sink subtask seeing the
 *     end of its input: the time the throughput figure divides by
 * @param wallNanos from submitting the job to the job having ended and been torn down
 * @param peakHeapBytes largest heap use seen during the run
 */
public record RunResult(long events, long outputCount, Checksum checksum, long startupNanos,
    long processNanos, long wallNanos, long peakHeapBytes) {

  /** Events per second of processing time (deployment and teardown excluded). */
  public double eventsPerSecond() {
    return events / (processNanos / 1e9);
  }
}
