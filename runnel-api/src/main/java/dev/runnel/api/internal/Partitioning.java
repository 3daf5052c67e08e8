package dev.runnel.api.internal;

import dev.runnel.api.annotation.Internal;
import dev.runnel.api.functions.KeySelector;
import java.util.Objects;

/**
 * How elements travel from the subtasks of one node to those of the next.
 *
 * @param kind the strategy
 * @param keySelector the key for {@link Kind#KEY_GROUPS}, else null
 */
@Internal
public record Partitioning(Kind kind, KeySelector<?, ?> keySelector) {
  public enum Kind {
    /** Subtask i sends to subtask i; both sides must have equal parallelism. */
    FORWARD,
    /** Round robin over all downstream subtasks. */
    REBALANCE,
    /** Every element to every downstream subtask. */
    BROADCAST,
    /** By key group of the element's key, so that one key always reaches one subtask. */
    KEY_GROUPS
  }

  public static Partitioning of(Kind kind) {
    if (kind == Kind.KEY_GROUPS) {
      throw new IllegalArgumentException("key-group partitioning needs a key selector");
    }
    return new Partitioning(kind, null);
  }

  public static Partitioning byKey(KeySelector<?, ?> keySelector) {
    return new Partitioning(Kind.KEY_GROUPS, Objects.requireNonNull(keySelector));
  }
}
