package dev.runnel.bench.nexmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Samples the used heap every few milliseconds on a daemon thread while a run is in progress and
 * keeps the largest value seen. Each heap pool's collection-usage peak (the peak the JVM records at
 * every GC, which a sample between two GCs can miss) is folded in too, after resetting it at
 * {@link #start()}.
 */
final class HeapSampler implements AutoCloseable {
  private static final long PERIOD_MILLIS = 5;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final List<MemoryPoolMXBean> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .toList();
  private volatile boolean running;
  private volatile long peak;
  private Thread thread;

  /** Collects garbage, resets the peaks and starts sampling. */
  void start() {
    System.gc();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    peak = memory.getHeapMemoryUsage().getUsed();
    running = true;
    thread = new Thread(this::sample, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void sample() {
    while (running) {
      long used = memory.getHeapMemoryUsage().getUsed();
      if (used > peak) {
        peak = used;
      }
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops sampling; returns the peak heap used, in bytes, since {@link #start()}. */
  long stop() {
    running = false;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // The sum of the pools' peaks over-approximates (the pools peak at different times), so use
    // it only as a bound on what sampling saw: the sampled value, raised to the largest single
    // pool's peak at a GC if sampling missed that.
    long largestPoolPeak = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      largestPoolPeak = Math.max(largestPoolPeak, pool.getPeakUsage().getUsed());
    }
    return Math.max(peak, largestPoolPeak);
  }

  @Override
  public void close() {
    running = false;
  }
}
