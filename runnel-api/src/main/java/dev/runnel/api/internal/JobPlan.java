package dev.runnel.api.internal;

import dev.runnel.api.checkpoint.CheckpointConfig;
import dev.runnel.api.checkpoint.RestartStrategy;
import dev.runnel.api.checkpoint.RestoreFrom;
import dev.runnel.api.state.StateBackend;
import dev.runnel.api.annotation.Internal;
import java.util.List;

/**
 * Everything the runtime needs to run one job: its name, its sinks (the graph is what they reach)
 * and the environment's settings at the time of {@code execute()}.
 *
 * @param watermarkIntervalMillis how often watermark generators are asked for a watermark; 0 =
 *     after every element; {@link #WATERMARK_INTERVAL_AUTO} = chosen per source by boundedness
 * @param checkpointing the checkpoint settings, or null if checkpointing is off
 * @param restore the checkpoint or savepoint to start from, or null to start afresh
 * @param allowNonRestoredState whether state of an operator uid the job no longer has may be
 *     ignored (otherwise restoring fails)
 */
@Internal
public record JobPlan(
    String jobName,
    List<SinkTransformation<?>> sinks,
    int defaultParallelism,
    int maxParallelism,
    int workerThreads,
    long watermarkIntervalMillis,
    CheckpointConfig checkpointing,
    StateBackend stateBackend,
    RestartStrategy restartStrategy,
    RestoreFrom restore,
    boolean allowNonRestoredState) {
  /** The watermark interval left unset: after every record for bounded sources, else 200 ms. */
  public static final long WATERMARK_INTERVAL_AUTO = -1;

  public JobPlan {
    sinks = List.copyOf(sinks);
    checkpointing = checkpointing == null ? null : checkpointing.copy();
    stateBackend = stateBackend == null ? StateBackend.heap() : stateBackend;
    restartStrategy = restartStrategy == null ? RestartStrategy.none() : restartStrategy;
  }

  /** A plan without checkpointing, restore or restarts, with the heap state backend. */
  public JobPlan(String jobName, List<SinkTransformation<?>> sinks, int defaultParallelism,
      int maxParallelism, int workerThreads, long watermarkIntervalMillis) {
    this(jobName, sinks, defaultParallelism, maxParallelism, workerThreads,
        watermarkIntervalMillis, null, null, null, null, false);
  }

  public boolean isCheckpointingEnabled() {
    return checkpointing != null;
  }
}
