package dev.runnel.cli;

import dev.runnel.api.JobHandle;
import dev.runnel.api.StreamEnvironment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts a job and, while it runs, cancels it when the JVM is asked to stop (Ctrl-C, SIGTERM),
 * waiting a few seconds for its threads to end so sinks close their files. With {@code
 * --savepoint-on-cancel} it first takes a savepoint, waits for it and prints its path to standard
 * error. Closing this removes the shutdown hook again.
 */
final class CancelOnShutdown implements AutoCloseable {
  private static final Duration GRACE = Duration.ofSeconds(10);

  /** How long the shutdown waits for the savepoint before cancelling without one. */
  static final Duration SAVEPOINT_WAIT = Duration.ofSeconds(60);

  private final JobHandle job;
  private final boolean savepointFirst;
  private final PrintWriter err;
  private final Thread hook;

  private CancelOnShutdown(JobHandle job, boolean savepointFirst, PrintWriter err) {
    this.job = job;
    this.savepointFirst = savepointFirst;
    this.err = err;
    this.hook = new Thread(this::stop, "runnel-shutdown");
  }

  /** Starts everything built on {@code env} as the job {@code jobName}; no savepoint on stop. */
  static CancelOnShutdown start(StreamEnvironment env, String jobName) {
    return start(env, jobName, false, null);
  }

  /**
   * Starts everything built on {@code env} as the job {@code jobName}.
   *
   * @param savepointFirst take a savepoint before cancelling; the job must checkpoint
   * @param err where the savepoint's path, or why it failed, is printed
   */
  static CancelOnShutdown start(
      StreamEnvironment env, String jobName, boolean savepointFirst, PrintWriter err) {
    CancelOnShutdown running =
        new CancelOnShutdown(env.executeAsync(jobName), savepointFirst, err);
    Runtime.getRuntime().addShutdownHook(running.hook);
    return running;
  }

  JobHandle job() {
    return job;
  }

  /** What the shutdown hook does: the savepoint if asked for, then cancel and wait. */
  void stop() {
    if (savepointFirst && !job.isDone()) {
      takeSavepoint();
    }
    job.cancel();
    try {
      job.await(GRACE);
    } catch (TimeoutException | RuntimeException e) {
      // The JVM is going down anyway; a failure has been or will be reported by the waiting thread.
    }
  }

  private void takeSavepoint() {
    String line;
    try {
      Path path = job.triggerSavepoint(null)
          .get(SAVEPOINT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      line = "savepoint taken before cancelling: " + path.toAbsolutePath();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      line = "no savepoint before cancelling: " + cause.getMessage();
    } catch (TimeoutException e) {
      line = "no savepoint before cancelling: not complete after " + SAVEPOINT_WAIT.toSeconds()
          + " s";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      line = "no savepoint before cancelling: interrupted";
    }
    err.println("runnel: " + ErrorReporter.oneLine(line));
    err.flush();
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
