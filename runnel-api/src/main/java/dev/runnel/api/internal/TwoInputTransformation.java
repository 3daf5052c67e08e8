package dev.runnel.api.internal;

import dev.runnel.api.annotation.Internal;
import java.util.List;

/**
 * A node that runs user code on two inputs of possibly different types. Input 1 and input 2 stay
 * distinguishable all the way to the operator, which has one method per input.
 */
@Internal
public final class TwoInputTransformation<I1, I2, O> extends Transformation<O> {
  private final Transformation<I1> input1;
  private final Transformation<I2> input2;
  private final TwoInputOperatorSpec spec;

  public TwoInputTransformation(int id, String name, Transformation<I1> input1,
      Transformation<I2> input2, TwoInputOperatorSpec spec) {
    super(id, name);
    this.input1 = input1;
    this.input2 = input2;
    this.spec = spec;
  }

  public Transformation<I1> input1() {
    return input1;
  }

  public Transformation<I2> input2() {
    return input2;
  }

  public TwoInputOperatorSpec spec() {
    return spec;
  }

  /** Input 1 then input 2: the position in this list plus one is the input's number. */
  @Override
  public List<Transformation<?>> inputs() {
    return List.of(input1, input2);
  }
}
