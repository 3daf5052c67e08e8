package dev.runnel.api.internal;

import dev.runnel.api.OutputTag;
import dev.runnel.api.annotation.Internal;
import java.util.List;

/** A virtual node that selects one side output of its input node. */
@Internal
public final class SideOutputTransformation<T> extends Transformation<T> {
  private final Transformation<?> input;
  private final OutputTag<T> tag;

  public SideOutputTransformation(int id, Transformation<?> input, OutputTag<T> tag) {
    super(id, "Side output " + tag.id());
    this.input = input;
    this.tag = tag;
  }

  public Transformation<?> input() {
    return input;
  }

  public OutputTag<T> tag() {
    return tag;
  }

  @Override
  public boolean isVirtual() {
    return true;
  }

  @Override
  public List<Transformation<?>> inputs() {
    return List.of(input);
  }
}
