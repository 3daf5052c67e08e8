package dev.runnel.api;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.internal.SinkTransformation;

/**
 * The end of a stream, returned by {@code sinkTo}, to name the sink or set its parallelism.
 *
 * @param <T> element type
 */
@Public
public final class DataStreamSink<T> {
  private final SinkTransformation<T> transformation;

  DataStreamSink(SinkTransformation<T> transformation) {
    this.transformation = transformation;
  }

  public DataStreamSink<T> name(String name) {
    transformation.setName(name);
    return this;
  }

  public DataStreamSink<T> uid(String uid) {
    transformation.setUid(uid);
    return this;
  }

  public DataStreamSink<T> setParallelism(int parallelism) {
    transformation.setParallelism(parallelism);
    return this;
  }
}
