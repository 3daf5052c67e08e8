package dev.runnel.api;

import dev.runnel.api.annotation.Public;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A job started with {@link StreamEnvironment#executeAsync}. Thread-safe.
 *
 * <pre>{@code
 * JobHandle job = env.executeAsync("alerts");
 * Runtime.getRuntime().addShutdownHook(new Thread(job::cancel));
 * job.await();
 * }</pre>
 */
@Public
public interface JobHandle {
  String jobName();

  /**
   * Asks the job to stop. Returns at once; {@link #await()} then returns a {@link
   * JobStatus#CANCELLED} result once every thread of the job has ended. Cancelling a job that has
   * already ended does nothing.
   */
  void cancel();

  /**
   * Waits until the job has ended and all its threads have stopped.
   *
   * @throws JobExecutionException if the job failed
   */
  JobResult await();

  /**
   * Like {@link #await()}, but gives up after {@code timeout}.
   *
   * @throws TimeoutException if the job is still running then
   */
  JobResult await(Duration timeout) throws TimeoutException;

  boolean isDone();

  /**
   * Takes a savepoint: a checkpoint the user asked for, written under {@code directory} as {@code
   * savepoint-<n>/} and never deleted by the job. The job goes on running. Restore from it with
   * {@link StreamEnvironment#restoreFrom(String)} or {@code bin/runnel run … --restore PATH}.
   *
   * @return completes with the savepoint's path, or exceptionally if it could not be taken (the
   *     job has no checkpointing, it ended first, or a subtask failed to write its state)
   */
  CompletableFuture<Path> triggerSavepoint(Path directory);
}
