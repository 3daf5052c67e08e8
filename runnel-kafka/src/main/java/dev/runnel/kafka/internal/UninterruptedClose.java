package dev.runnel.kafka.internal;

import dev.runnel.api.annotation.Internal;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closes Kafka clients out of reach of interrupts. A cancelled job interrupts its subtasks'
 * threads, at times more than once and while they close; a producer or consumer closed or aborted
 * on an interrupted thread gives up at once (Kafka logs it as an error, and a transaction stays
 * open until recovery). So the closing runs on a thread of its own, and the caller waits for it
 * whatever interrupts come, keeping its interrupt flag for afterwards. The closing must bound its
 * own waits (the clients' timeouts do).
 */
@Internal
public final class UninterruptedClose {
  private UninterruptedClose() {}

  /** Runs {@code close} on a new thread named {@code threadName} and waits for it. */
  public static void run(String threadName, Runnable close) {
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread closer = new Thread(() -> {
      try {
        close.run();
      } catch (RuntimeException e) {
        failure.set(e);
      }
    }, threadName);
    closer.start();
    boolean interrupted = false;
    while (closer.isAlive()) {
      try {
        closer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }
}
