package dev.runnel.api.internal;

import dev.runnel.api.annotation.Internal;
import java.util.List;

/** A virtual node that sets how elements reach the next node. */
@Internal
public final class PartitionTransformation<T> extends Transformation<T> {
  private final Transformation<T> input;
  private final Partitioning partitioning;

  public PartitionTransformation(int id, Transformation<T> input, Partitioning partitioning) {
    super(id, "Partition " + partitioning.kind());
    this.input = input;
    this.partitioning = partitioning;
  }

  public Transformation<T> input() {
    return input;
  }

  public Partitioning partitioning() {
    return partitioning;
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
