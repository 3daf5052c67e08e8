package dev.runnel.cep.nfa;

import dev.runnel.api.annotation.Internal;
import dev.runnel.cep.AfterMatchSkipStrategy;
import java.io.Serializable;
import java.util.List;

/**
 * A pattern as the NFA runs it: its positive stages in order, the match window and the skip
 * strategy. Immutable; built by {@link PatternCompiler}.
 *
 * @param windowMillis the match window in milliseconds, or {@link #NO_WINDOW}
 * @param skipStage the index of the stage a skip-to strategy names, or -1
 */
@Internal
public record CompiledPattern(List<Stage> stages, long windowMillis,
    AfterMatchSkipStrategy skipStrategy, int skipStage) implements Serializable {
  public static final long NO_WINDOW = -1;

  public CompiledPattern {
    stages = List.copyOf(stages);
  }

  public Stage stage(int index) {
    return stages.get(index);
  }

  public int size() {
    return stages.size();
  }

  public boolean hasWindow() {
    return windowMillis != NO_WINDOW;
  }

  /** Whether a partial match whose last event went to {@code stage}, its {@code count}th, is a match. */
  boolean isComplete(int stage, int count) {
    if (count < stages.get(stage).min()) {
      return false;
    }
    for (int i = stage + 1; i < stages.size(); i++) {
      if (stages.get(i).min() > 0) {
        return false;
      }
    }
    return true;
  }
}
