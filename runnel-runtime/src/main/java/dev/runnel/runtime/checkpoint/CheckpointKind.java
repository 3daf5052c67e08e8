package dev.runnel.runtime.checkpoint;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a checkpoint folder holds: one the job took on its own schedule, or one a user asked for.
 * Written into {@code _metadata} as its {@link #label()}, the words the layout has always used.
 */
public enum CheckpointKind {
  /** Taken periodically (or as the input ended), kept by the retention rule. */
  CHECKPOINT("checkpoint"),
  /** Asked for by a user, written where they said, never deleted by Runnel. */
  SAVEPOINT("savepoint");

  private final String label;

  CheckpointKind(String label) {
    this.label = label;
  }

  /** The word in {@code _metadata} and in log lines. */
  @JsonValue
  public String label() {
    return label;
  }

  /**
   * The kind a {@code _metadata} file names.
   *
   * @throws IllegalArgumentException naming the word, if it is neither kind
   */
  @JsonCreator
  public static CheckpointKind of(String label) {
    for (CheckpointKind kind : values()) {
      if (kind.label.equals(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown checkpoint kind '" + label + "': expected 'checkpoint' or 'savepoint'");
  }

  @Override
  public String toString() {
    return label;
  }
}
