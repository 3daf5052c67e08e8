package dev.runnel.api.internal;

import dev.runnel.api.annotation.Internal;
import dev.runnel.api.connector.Source;
import java.util.List;

/** A source node. */
@Internal
public final class SourceTransformation<T> extends Transformation<T> {
  private final Source<T> source;

  public SourceTransformation(int id, String name, Source<T> source) {
    super(id, "Source");
    setName(name); // a name the user gave is kept exactly
    this.source = source;
  }

  public Source<T> source() {
    return source;
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
