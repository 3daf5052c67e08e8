package dev.runnel.api;

import dev.runnel.api.annotation.Public;

/**
 * The job failed while running. The cause says why; for a failure in an operator it is an {@link
 * OperatorException} naming the operator, subtask and record.
 */
@Public
public class JobExecutionException extends RunnelException {
  private static final long serialVersionUID = 1L;

  private final String jobName;

  public JobExecutionException(String jobName, Throwable cause) {
    super("job '" + jobName + "' failed: " + cause.getMessage(), cause);
    this.jobName = jobName;
  }

  public String jobName() {
    return jobName;
  }
}
