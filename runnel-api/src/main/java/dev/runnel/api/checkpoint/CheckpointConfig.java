package dev.runnel.api.checkpoint;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a job takes checkpoints: how often, where to, how long one may take, and how many completed
 * ones to keep. Obtained from {@code StreamEnvironment.enableCheckpointing(interval)}.
 *
 * <pre>{@code
 * env.enableCheckpointing(Duration.ofSeconds(1))
 *     .setCheckpointDirectory(Path.of("/var/runnel/checkpoints"))
 *     .setTimeout(Duration.ofMinutes(2))
 *     .setRetainedCheckpoints(3);
 * }</pre>
 *
 * <p>Checkpoints are written under {@code <directory>/<job name>/chk-<n>/}; the layout is described
 * in {@code docs/checkpoints.md}. At most one checkpoint is in flight at a time.
 */
@Public
public final class CheckpointConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Where checkpoints go when no directory is set: {@code ./checkpoints}. */
  public static final Path DEFAULT_DIRECTORY = Path.of("checkpoints");

  private final Duration interval;
  private Path directory = DEFAULT_DIRECTORY;
  private Duration timeout = Duration.ofMinutes(10);
  private Duration minPause = Duration.ZERO;
  private int retained = 1;

  public CheckpointConfig(Duration interval) {
    this.interval = positive(interval, "checkpoint interval");
  }

  /** A copy, so that a running job does not see later changes. */
  public CheckpointConfig copy() {
    CheckpointConfig c = new CheckpointConfig(interval);
    c.directory = directory;
    c.timeout = timeout;
    c.minPause = minPause;
    c.retained = retained;
    return c;
  }

  public Duration interval() {
    return interval;
  }

  /** The directory under which each job keeps a folder of its checkpoints. */
  public CheckpointConfig setCheckpointDirectory(Path directory) {
    this.directory = Objects.requireNonNull(directory, "checkpoint directory");
    return this;
  }

  public Path checkpointDirectory() {
    return directory;
  }

  /** A checkpoint not complete after this long is aborted and its files removed (default 10 min). */
  public CheckpointConfig setTimeout(Duration timeout) {
    this.timeout = positive(timeout, "checkpoint timeout");
    return this;
  }

  public Duration timeout() {
    return timeout;
  }

  /** The least time between the end of one checkpoint and the start of the next (default 0). */
  public CheckpointConfig setMinPauseBetweenCheckpoints(Duration minPause) {
    Objects.requireNonNull(minPause, "minimum pause");
    if (minPause.isNegative()) {
      throw new IllegalArgumentException("minimum pause must not be negative: " + minPause);
    }
    this.minPause = minPause;
    return this;
  }

  public Duration minPauseBetweenCheckpoints() {
    return minPause;
  }

  /**
   * How many checkpoints may be in flight at once. Only 1 is supported: barriers of one
   * checkpoint never overtake those of another, which keeps alignment simple and cheap.
   */
  public CheckpointConfig setMaxConcurrentCheckpoints(int max) {
    if (max != 1) {
      throw new IllegalArgumentException(
          "max concurrent checkpoints must be 1 (the only supported value), was " + max);
    }
    return this;
  }

  public int maxConcurrentCheckpoints() {
    return 1;
  }

  /** How many completed checkpoints to keep on disk (default 1); older ones are deleted. */
  public CheckpointConfig setRetainedCheckpoints(int retained) {
    if (retained < 1) {
      throw new IllegalArgumentException("retained checkpoints must be >= 1, was " + retained);
    }
    this.retained = retained;
    return this;
  }

  public int retainedCheckpoints() {
    return retained;
  }

  private static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + d);
    }
    return d;
  }

  @Override
  public String toString() {
    return "CheckpointConfig[interval=" + interval + ", directory=" + directory + ", timeout="
        + timeout + ", minPause=" + minPause + ", retained=" + retained + "]";
  }
}
