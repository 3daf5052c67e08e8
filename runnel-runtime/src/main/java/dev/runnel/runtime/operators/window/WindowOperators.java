package dev.runnel.runtime.operators.window;

import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.internal.WindowDefinition;
import dev.runnel.runtime.operators.StreamOperator;

/** Chooses the operator for a window step. */
public final class WindowOperators {
  private WindowOperators() {}

  public static StreamOperator create(
      WindowDefinition definition, KeySelector<Object, Object> keySelector) {
    return new WindowOperator(definition, keySelector);
  }
}
