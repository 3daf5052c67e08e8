package dev.runnel.cli;

import dev.runnel.api.JobHandle;
import dev.runnel.api.StreamEnvironment;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Starts a job and, while it runs, cancels it when the JVM is asked to stop (Ctrl-C, SIGTERM),
 * waiting a few seconds for its threads to end so sinks close their files. Closing this removes
 * the shutdown hook again.
 */
final class CancelOnShutdown implements AutoCloseable {
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final JobHandle job;
  private final Thread hook;

  private CancelOnShutdown(JobHandle job) {
    this.job = job;
    this.hook = new Thread(this::cancelAndWait, "runnel-shutdown");
  }

  /** Starts everything built on {@code env} as the job {@code jobName}. */
  static CancelOnShutdown start(StreamEnvironment env, String jobName) {
    CancelOnShutdown running = new CancelOnShutdown(env.executeAsync(jobName));
    Runtime.getRuntime().addShutdownHook(running.hook);
    return running;
  }

  JobHandle job() {
    return job;
  }

  private void cancelAndWait() {
    job.cancel();
    try {
      job.await(GRACE);
    } catch (TimeoutException | RuntimeException e) {
      // The JVM is going down anyway; a failure has been or will be reported by the waiting thread.
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Shutdown has begun: the hook is running or done, nothing to remove.
    }
  }
}
