package dev.runnel.api;

import dev.runnel.api.annotation.Public;

/** How a job ended. A failed job does not return a status: it throws {@link JobExecutionException}. */
@Public
public enum JobStatus {
  /** Every source ended and every record reached the sinks. */
  FINISHED,
  /** Stopped by {@link JobHandle#cancel()} before its input ended. */
  CANCELLED
}
