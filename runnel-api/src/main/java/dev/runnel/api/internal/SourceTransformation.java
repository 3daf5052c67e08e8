package dev.runnel.api.internal;

import dev.runnel.api.annotation.Internal;
import dev.runnel.api.connector.Source;
import dev.runnel.api.eventtime.WatermarkStrategy;
import java.util.List;

/** A source node. */
@Internal
public final class SourceTransformation<T> extends Transformation<T> {
  private final Source<T> source;
  private final WatermarkStrategy<T> watermarkStrategy;

  /** @param watermarkStrategy how the source assigns event time, or null for none */
  public SourceTransformation(
      int id, String name, Source<T> source, WatermarkStrategy<T> watermarkStrategy) {
    super(id, "Source");
    setName(name); // a name the user gave is kept exactly
    this.source = source;
    this.watermarkStrategy = watermarkStrategy;
  }

  public Source<T> source() {
    return source;
  }

  /** How the source assigns timestamps and watermarks, or null if it does not. */
  public WatermarkStrategy<T> watermarkStrategy() {
    return watermarkStrategy;
  }

  @Override
  public int maxParallelismLimit() {
    return source.maxParallelism();
  }

  @Override
  public List<Transformation<?>> inputs() {
    return List.of();
  }
}
