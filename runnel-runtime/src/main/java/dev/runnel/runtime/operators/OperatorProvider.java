package dev.runnel.runtime.operators;

import dev.runnel.api.functions.KeySelector;
import java.io.Serializable;

/**
 * Makes the operator of an {@link dev.runnel.api.internal.OperatorSpec.Custom} step: how a module
 * built on the runtime (such as CEP) plugs an operator of its own into a job without the runtime
 * knowing it. The provider travels in the spec as its function, so each subtask gets its own copy
 * (serialized once, deserialized per subtask) and calls {@link #create} on it once.
 */
@FunctionalInterface
public interface OperatorProvider extends Serializable {
  /**
   * A new operator for one subtask.
   *
   * @param keySelector the subtask's copy of the step's key selector, or null if it is not keyed
   */
  StreamOperator create(KeySelector<Object, Object> keySelector);
}
