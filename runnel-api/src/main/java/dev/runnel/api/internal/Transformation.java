package dev.runnel.api.internal;

import dev.runnel.api.annotation.Internal;
import java.util.List;
import java.util.Locale;

/**
 * A node of the logical graph that the DataStream API records. The runtime compiles the nodes
 * reachable from the sinks into a job graph; nodes are never changed after {@code execute()}.
 *
 * @param <T> the type of the elements this node produces
 */
@Internal
public abstract class Transformation<T> {
  /** Parallelism not set by the user: the environment's default applies. */
  public static final int DEFAULT_PARALLELISM = -1;

  private final int id;
  private String name;
  private String uid;
  private int parallelism = DEFAULT_PARALLELISM;

  protected Transformation(int id, String defaultName) {
    this.id = id;
    this.name = defaultName + "#" + id;
    this.uid = defaultName.toLowerCase(Locale.ROOT).replace(' ', '-') + "-" + id;
  }

  /** The node's position in the program, which makes default names and uids stable. */
  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  public void setName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("operator name must not be blank");
    }
    this.name = name;
  }

  public String uid() {
    return uid;
  }

  public void setUid(String uid) {
    if (uid == null || uid.isBlank()) {
      throw new IllegalArgumentException("operator uid must not be blank");
    }
    this.uid = uid;
  }

  public int parallelism() {
    return parallelism;
  }

  public void setParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException(
          "parallelism of '" + name + "' must be >= 1, was " + parallelism);
    }
    if (parallelism > maxParallelismLimit()) {
      throw new IllegalArgumentException(
          "'" + name + "' can run at parallelism " + maxParallelismLimit() + " at most, asked for "
              + parallelism);
    }
    this.parallelism = parallelism;
  }

  /** The largest parallelism this node supports (a single-file sink supports 1). */
  public int maxParallelismLimit() {
    return Integer.MAX_VALUE;
  }

  /** True for nodes that only route elements (partition, union, side output) and run no code. */
  public boolean isVirtual() {
    return false;
  }

  public abstract List<Transformation<?>> inputs();

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + name + ")";
  }
}
