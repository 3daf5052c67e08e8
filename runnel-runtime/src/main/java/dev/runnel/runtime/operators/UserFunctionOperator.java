package dev.runnel.runtime.operators;

import dev.runnel.api.functions.Function;
import dev.runnel.api.functions.RichFunction;

/** An operator around one user function, which it opens and closes if the function is rich. */
public abstract class UserFunctionOperator<F extends Function> extends StreamOperator {
  protected final F function;
  private boolean opened;

  protected UserFunctionOperator(F function) {
    this.function = function;
  }

  @Override
  public void open() throws Exception {
    if (function instanceof RichFunction rich) {
      rich.open(context);
    }
    opened = true;
  }

  @Override
  public void close() throws Exception {
    if (opened && function instanceof RichFunction rich) {
      opened = false;
      rich.close();
    }
  }

  /** The record's timestamp as the API shows it: null when it has none. */
  protected static Long apiTimestamp(long timestamp) {
    return timestamp == Output.NO_TIMESTAMP ? null : timestamp;
  }
}
