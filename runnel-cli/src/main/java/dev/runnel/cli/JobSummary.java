package dev.runnel.cli;

import dev.runnel.api.JobResult;
import dev.runnel.api.JobStatus;
import dev.runnel.examples.PackagedJob;
import java.util.Locale;

/**
 * The one-line summary of a packaged job's run, from the counters of its steps named as {@link
 * PackagedJob} asks: {@code job 'order-alerts' finished in 1.20 s: 3000 records in, 3000 out},
 * followed by the number of dead letters and of late records written, when there are any.
 */
final class JobSummary {
  private JobSummary() {}

  static String describe(JobResult result) {
    long in = result.counter(PackagedJob.INPUT_STEP + ".recordsOut");
    long out = result.counter(PackagedJob.OUTPUT_STEP + ".recordsIn");
    long deadLetters = result.counter(PackagedJob.DEAD_LETTER_STEP + ".recordsIn");
    long late = result.counter(PackagedJob.LATE_STEP + ".recordsIn");
    StringBuilder line = new StringBuilder("job '").append(result.jobName()).append("' ")
        .append(result.status() == JobStatus.FINISHED ? "finished" : "cancelled")
        .append(String.format(Locale.ROOT, " in %.2f s", result.duration().toMillis() / 1000.0))
        .append(": ").append(in).append(" records in, ").append(out).append(" out");
    if (deadLetters > 0) {
      line.append(", ").append(deadLetters)
          .append(deadLetters == 1 ? " dead letter" : " dead letters");
    }
    if (late > 0) {
      line.append(", ").append(late).append(" late");
    }
    return line.toString();
  }
}
