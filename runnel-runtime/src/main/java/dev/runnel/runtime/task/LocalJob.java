package dev.runnel.runtime.task;

import dev.runnel.api.JobExecutionException;
import dev.runnel.api.JobHandle;
import dev.runnel.api.JobResult;
import dev.runnel.api.JobStatus;
import dev.runnel.runtime.operators.OperatorContext;
import dev.runnel.runtime.operators.OperatorCounters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running job inside this JVM: its threads (a fixed pool of cooperative workers plus one thread
 * per blocking chain), its first failure, and its counters. Threads are created when the job starts
 * and all have ended when {@link #await()} returns, whatever the outcome.
 */
public final class LocalJob implements JobHandle {
  private final String jobName;
  private final List<SubtaskTasklet> tasklets;
  private final List<OperatorContext> contexts;
  private final int workerThreads;
  private final List<Thread> threads = new ArrayList<>();
  private final List<Thread> blockingThreads = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicInteger runningWorkers = new AtomicInteger();
  private volatile boolean stopping;
  private volatile boolean cancelled;
  /** A failure that happened while the job was not being cancelled: it is the job's outcome. */
  private volatile boolean failedWhileRunning;
  private volatile boolean allWorkersFinished = true;
  private long startNanos;
  private volatile long endNanos;

  LocalJob(String jobName, List<SubtaskTasklet> tasklets, List<OperatorContext> contexts,
      int workerThreads) {
    this.jobName = jobName;
    this.tasklets = List.copyOf(tasklets);
    this.contexts = List.copyOf(contexts);
    this.workerThreads = workerThreads;
  }

  /** Starts the threads: cooperative tasklets are dealt round robin over the workers. */
  public void start() {
    List<SubtaskTasklet> cooperative = new ArrayList<>();
    for (SubtaskTasklet t : tasklets) {
      if (t.isBlocking()) {
        Thread thread = newThread(List.of(t), "runnel-" + jobName + "-blocking-" + t.name());
        blockingThreads.add(thread);
      } else {
        cooperative.add(t);
      }
    }
    int workers = Math.min(workerThreads, cooperative.size());
    List<List<SubtaskTasklet>> shares = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      shares.add(new ArrayList<>());
    }
    for (int i = 0; i < cooperative.size(); i++) {
      shares.get(i % workers).add(cooperative.get(i));
    }
    for (int w = 0; w < workers; w++) {
      newThread(shares.get(w), "runnel-" + jobName + "-worker-" + w);
    }
    startNanos = System.nanoTime();
    runningWorkers.set(threads.size());
    for (Thread t : threads) {
      t.start();
    }
  }

  private Thread newThread(List<SubtaskTasklet> share, String name) {
    Thread thread = new Thread(new Worker(this, share), name);
    threads.add(thread);
    return thread;
  }

  boolean isStopping() {
    return stopping;
  }

  /** Records a failure; the first one becomes the job's cause, later ones are suppressed in it. */
  void fail(Throwable t) {
    if (!cancelled) {
      failedWhileRunning = true;
    }
    if (!failure.compareAndSet(null, t) && failure.get() != t) {
      failure.get().addSuppressed(t);
    }
    stop();
  }

  void workerExited(boolean finishedAll) {
    if (!finishedAll) {
      allWorkersFinished = false;
    }
    if (runningWorkers.decrementAndGet() == 0) {
      endNanos = System.nanoTime();
    }
  }

  private void stop() {
    stopping = true;
    for (Thread t : blockingThreads) {
      t.interrupt(); // a blocking source or sink may be waiting inside a library call
    }
  }

  @Override
  public String jobName() {
    return jobName;
  }

  @Override
  public void cancel() {
    cancelled = true;
    stop();
  }

  @Override
  public JobResult await() {
    for (Thread t : threads) {
      boolean interrupted = false;
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true; // keep waiting: returning early would leave threads running
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return result();
  }

  @Override
  public JobResult await(Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      for (Thread t : threads) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          t.join(Math.max(1, left / 1_000_000));
        }
        if (t.isAlive()) {
          throw new TimeoutException("job '" + jobName + "' still running after " + timeout);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted while waiting for job '" + jobName + "'");
    }
    return result();
  }

  @Override
  public CompletableFuture<Path> triggerSavepoint(Path directory) {
    return CompletableFuture.failedFuture(new IllegalStateException(
        "job '" + jobName + "' does not take checkpoints: enable checkpointing to take savepoints"));
  }

  @Override
  public boolean isDone() {
    return runningWorkers.get() == 0 && threads.stream().noneMatch(Thread::isAlive);
  }

  private JobResult result() {
    Throwable cause = failure.get();
    // After a cancel, a subtask interrupted in a blocking call fails as a consequence; that is the
    // cancellation working, not a failure of the job. A failure before the cancel still counts.
    if (cause != null && failedWhileRunning) {
      throw new JobExecutionException(jobName, cause);
    }
    JobStatus status = allWorkersFinished && cause == null ? JobStatus.FINISHED : JobStatus.CANCELLED;
    return new JobResult(jobName, status, Duration.ofNanos(endNanos - startNanos), counters());
  }

  /** The job's counters as they are now, summed over subtasks. */
  Map<String, Long> countersSnapshot() {
    return counters();
  }

  private Map<String, Long> counters() {
    Map<String, Long> sums = new HashMap<>();
    for (OperatorContext c : contexts) {
      OperatorCounters k = c.counters();
      sums.merge(c.operatorName() + ".recordsIn", k.recordsIn, Long::sum);
      sums.merge(c.operatorName() + ".recordsOut", k.recordsOut, Long::sum);
      if (k.sideOutputsUnconsumed > 0) {
        sums.merge(c.operatorName() + ".sideOutputsUnconsumed", k.sideOutputsUnconsumed, Long::sum);
      }
      if (k.lateRecordsDropped > 0) {
        sums.merge(c.operatorName() + ".lateRecordsDropped", k.lateRecordsDropped, Long::sum);
      }
    }
    return sums;
  }
}
