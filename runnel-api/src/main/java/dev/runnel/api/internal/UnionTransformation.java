package dev.runnel.api.internal;

import dev.runnel.api.annotation.Internal;
import java.util.List;

/** A virtual node that merges several streams of one type. */
@Internal
public final class UnionTransformation<T> extends Transformation<T> {
  private final List<Transformation<?>> inputs;

  public UnionTransformation(int id, List<Transformation<?>> inputs) {
    super(id, "Union");
    this.inputs = List.copyOf(inputs);
  }

  @Override
  public boolean isVirtual() {
    return true;
  }

  @Override
  public List<Transformation<?>> inputs() {
    return inputs;
  }
}
