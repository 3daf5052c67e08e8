package dev.runnel.api;

import dev.runnel.api.annotation.Public;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a job reports when it ends: its status, how long it ran, and its counters. Counters are
 * named {@code "<operator name>.recordsIn"} and {@code "<operator name>.recordsOut"}, summed over
 * the operator's subtasks (and over operators that share a name).
 */
@Public
public final class JobResult {
  private final String jobName;
  private final JobStatus status;
  private final Duration duration;
  private final Map<String, Long> counters;

  public JobResult(String jobName, JobStatus status, Duration duration, Map<String, Long> counters) {
    this.jobName = jobName;
    this.status = status;
    this.duration = duration;
    this.counters = Map.copyOf(counters);
  }

  public String jobName() {
    return jobName;
  }

  public JobStatus status() {
    return status;
  }

  public Duration duration() {
    return duration;
  }

  /** All counters, by name. */
  public Map<String, Long> counters() {
    return counters;
  }

  /** One counter's value; 0 for a counter that was never incremented. */
  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  @Override
  public String toString() {
    return "JobResult{" + jobName + ", " + status + ", " + duration.toMillis() + " ms, "
        + new TreeMap<>(counters) + "}";
  }
}
