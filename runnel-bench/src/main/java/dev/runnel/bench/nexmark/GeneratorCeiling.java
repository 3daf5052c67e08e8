package dev.runnel.bench.nexmark;

import dev.runnel.nexmark.generator.GeneratorConfig;
import dev.runnel.nexmark.generator.NexmarkGenerator;
import dev.runnel.nexmark.model.Event;

/**
 * The generator alone, no engine: {@code parallelism} plain threads, thread {@code s} generating
 * the event numbers {@code s, s+p, s+2p, …} (the split both engines' sources use) and dropping
 * each event after reading its time. No query on either engine can run faster than this on the
 * same machine. The sum of their event times is kept, so that dead-code elimination cannot skip
 * the generation.
 */
final class GeneratorCeiling implements Engine {
  @Override
  public String name() {
    return "generator";
  }

  @Override
  public RunResult run(String query, GeneratorConfig config, int parallelism, boolean checksum)
      throws Exception {
    long count = config.eventCount();
    long[] sums = new long[parallelism];
    Thread[] threads = new Thread[parallelism];
    for (int s = 0; s < parallelism; s++) {
      int subtask = s;
      threads[s] = new Thread(() -> {
        NexmarkGenerator generator = new NexmarkGenerator(config);
        long sum = 0;
        for (long n = subtask; n < count; n += parallelism) {
          Event event = generator.eventAt(n);
          sum += event.dateTime();
        }
        sums[subtask] = sum;
      }, "generator-" + s);
    }
    long start = System.nanoTime();
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    long elapsed = System.nanoTime() - start;
    long sum = 0;
    for (long s : sums) {
      sum += s;
    }
    if (sum == 42) {
      System.out.print(""); // uses the sum
    }
    return new RunResult(count, count, null, 0, elapsed, elapsed, 0);
  }
}
