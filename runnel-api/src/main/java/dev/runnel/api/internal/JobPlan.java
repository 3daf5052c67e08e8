package dev.runnel.api.internal;

import dev.runnel.api.annotation.Internal;
import java.util.List;

/**
 * Everything the runtime needs to run one job: its name, its sinks (the graph is what they reach)
 * and the environment's settings at the time of {@code execute()}.
 *
 * @param watermarkIntervalMillis how often watermark generators are asked for a watermark; 0 =
 *     after every element
 */
@Internal
public record JobPlan(
    String jobName,
    List<SinkTransformation<?>> sinks,
    int defaultParallelism,
    int maxParallelism,
    int workerThreads,
    long watermarkIntervalMillis) {
  public JobPlan {
    sinks = List.copyOf(sinks);
  }
}
