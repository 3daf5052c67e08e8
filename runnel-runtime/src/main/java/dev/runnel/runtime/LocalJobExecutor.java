package dev.runnel.runtime;

import dev.runnel.api.JobHandle;
import dev.runnel.api.internal.JobExecutor;
import dev.runnel.api.internal.JobPlan;
import dev.runnel.runtime.graph.JobGraph;
import dev.runnel.runtime.graph.JobGraphCompiler;
import dev.runnel.runtime.task.JobSupervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs inside this JVM: compiles the plan, deploys it onto fresh threads and starts them.
 * Registered as the {@link JobExecutor} service, so {@code StreamEnvironment} finds it whenever
 * this module is on the classpath.
 */
public final class LocalJobExecutor implements JobExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(LocalJobExecutor.class);

  @Override
  public JobHandle submit(JobPlan plan) {
    JobGraph graph = JobGraphCompiler.compile(plan);
    LOG.debug("starting {}", graph.describe());
    JobSupervisor job = new JobSupervisor(plan, graph);
    job.start();
    return job;
  }
}
