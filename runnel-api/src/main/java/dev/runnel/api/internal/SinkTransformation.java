package dev.runnel.api.internal;

import dev.runnel.api.annotation.Internal;
import dev.runnel.api.connector.Sink;
import java.util.List;

/** A sink node: a root of the graph that {@code execute()} runs. */
@Internal
public final class SinkTransformation<T> extends Transformation<Void> {
  private final Transformation<T> input;
  private final Sink<T> sink;

  public SinkTransformation(int id, String name, Transformation<T> input, Sink<T> sink) {
    super(id, name);
    this.input = input;
    this.sink = sink;
  }

  public Transformation<T> input() {
    return input;
  }

  public Sink<T> sink() {
    return sink;
  }

  @Override
  public int maxParallelismLimit() {
    return sink.maxParallelism();
  }

  @Override
  public List<Transformation<?>> inputs() {
    return List.of(input);
  }
}
