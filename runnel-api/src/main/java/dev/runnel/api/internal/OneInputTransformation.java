package dev.runnel.api.internal;

import dev.runnel.api.annotation.Internal;
import java.util.List;

/** A node that runs user code on one input. */
@Internal
public final class OneInputTransformation<I, O> extends Transformation<O> {
  private final Transformation<I> input;
  private final OperatorSpec spec;

  public OneInputTransformation(int id, String name, Transformation<I> input, OperatorSpec spec) {
    super(id, name);
    this.input = input;
    this.spec = spec;
  }

  public Transformation<I> input() {
    return input;
  }

  public OperatorSpec spec() {
    return spec;
  }

  @Override
  public List<Transformation<?>> inputs() {
    return List.of(input);
  }
}
