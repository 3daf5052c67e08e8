package dev.runnel.runtime.task;

import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Run in a JVM of its own with a small heap by {@link BackpressureTest}: a source far faster than
 * its sink. Without backpressure the records would pile up in queues and exhaust the heap.
 */
public final class BackpressureJob {
  private BackpressureJob() {}

  public static void main(String[] args) {
    long records = Long.parseLong(args[0]);
    AtomicLong received = new AtomicLong();
    AtomicLong sum = new AtomicLong();
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2).setWorkerThreads(2);
    env.fromSource(GeneratorSource.<Long>of(i -> i).count(records).build(), "fast")
        .map(x -> new long[] {x, x * 3}) // an object per record, as real jobs have
        .rebalance()
        .sinkTo(new SlowSink(received, sum)).setParallelism(1);
    env.execute("backpressure");
    long expectedSum = records * (records - 1) / 2;
    System.out.println("received=" + received.get() + " sumOk=" + (sum.get() == expectedSum)
        + " maxHeapMb=" + Runtime.getRuntime().maxMemory() / (1 << 20)
        + " peakUsedMb=" + peakHeapUsedMb());
  }

  private static long peakHeapUsedMb() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum() / (1 << 20);
  }

  /** Pauses 1 ms every 20,000 records: about a second of sleeping per 20 million records. */
  private static final class SlowSink implements Sink<long[]> {
    private final AtomicLong received;
    private final AtomicLong sum;

    SlowSink(AtomicLong received, AtomicLong sum) {
      this.received = received;
      this.sum = sum;
    }

    @Override
    public SinkWriter<long[]> createWriter(SinkContext context) {
      return new SinkWriter<>() {
        private long count;
        private long total;

        @Override
        public void write(long[] record) {
          count++;
          total += record[0];
          if (count % 20_000 == 0) {
            LockSupport.parkNanos(1_000_000);
          }
        }

        @Override
        public void finish() {
          received.addAndGet(count);
          sum.addAndGet(total);
        }
      };
    }
  }
}
