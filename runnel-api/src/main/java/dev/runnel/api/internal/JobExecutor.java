package dev.runnel.api.internal;

import dev.runnel.api.JobHandle;
import dev.runnel.api.annotation.Internal;

/**
 * The service through which the API reaches a runtime without depending on it. The runtime
 * registers an implementation in {@code META-INF/services}; {@code StreamEnvironment} finds it
 * with {@link java.util.ServiceLoader}.
 */
@Internal
public interface JobExecutor {
  /**
   * Compiles and starts the job. Problems found while compiling (an invalid graph, a function that
   * cannot be copied) are thrown from here, before anything runs.
   */
  JobHandle submit(JobPlan plan);
}
