package dev.runnel.bench.kafka;

/**
 * One engine under test: it runs the benchmark job from an input topic to the two output topics,
 * exactly-once, until {@link Running#close()}.
 *
 * <p>The job: per customer, the running total of {@code amount} after every order, written to
 * {@code totals} as {@code {"customer_id","total","alert","timestamp"}} ({@code alert} when the
 * total is above the threshold; {@code timestamp} is the order's); and per customer the count of
 * orders in each one-minute tumbling event-time window, written to {@code counts} as {@code
 * {"customer_id","window_start","count"}} once the window has closed (no allowed lateness).
 */
interface KafkaBenchEngine {
  String name();

  /** Starts the job and returns at once; the caller watches the output topics. */
  Running start(Job job) throws Exception;

  /** Where and how one run reads and writes. */
  record Job(
      String bootstrapServers,
      String inputTopic,
      String totalsTopic,
      String countsTopic,
      String runId,
      int parallelism,
      long threshold,
      long commitIntervalMs) {}

  /** A started run. */
  interface Running extends AutoCloseable {
    @Override
    void close() throws Exception;
  }
}
