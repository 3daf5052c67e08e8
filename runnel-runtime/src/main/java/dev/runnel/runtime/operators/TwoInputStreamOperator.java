package dev.runnel.runtime.operators;

import dev.runnel.api.functions.Function;

/**
 * An operator with two inputs, each with its own method. It is always the head of its chain: the
 * runtime feeds it from its input channels, calls {@link #processElement1} or {@link
 * #processElement2} by the input a record came on, and {@link #processWatermark} with the
 * combined watermark (the minimum of both inputs', forwarded when it advances).
 *
 * <p>Lifecycle as {@link StreamOperator}; the one-input {@link #processElement} must not be called.
 * All two-input operators run a user function, which this class opens and closes.
 *
 * @param <F> the user function
 */
public abstract class TwoInputStreamOperator<F extends Function> extends UserFunctionOperator<F> {
  protected TwoInputStreamOperator(F function) {
    super(function);
  }

  /** A record of input 1. */
  public abstract void processElement1(Object record, long timestamp) throws Exception;

  /** A record of input 2. */
  public abstract void processElement2(Object record, long timestamp) throws Exception;

  /** Not for two-input operators: records must say which input they came on. */
  @Override
  public final void processElement(Object record, long timestamp) {
    throw new IllegalStateException("operator '" + context.operatorName()
        + "' has two inputs: records go to processElement1 or processElement2");
  }
}
