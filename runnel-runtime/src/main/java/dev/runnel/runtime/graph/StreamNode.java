package dev.runnel.runtime.graph;

import dev.runnel.api.internal.OneInputTransformation;
import dev.runnel.api.internal.SinkTransformation;
import dev.runnel.api.internal.SourceTransformation;
import dev.runnel.api.internal.Transformation;
import dev.runnel.api.internal.TwoInputTransformation;
import java.util.ArrayList;
import java.util.List;

/** A step of the job that runs code (a source, an operator or a sink), with its parallelism. */
public final class StreamNode {
  private final Transformation<?> transformation;
  private final int parallelism;
  private final List<StreamEdge> inputs = new ArrayList<>();
  private final List<StreamEdge> outputs = new ArrayList<>();

  StreamNode(Transformation<?> transformation, int parallelism) {
    this.transformation = transformation;
    this.parallelism = parallelism;
  }

  public Transformation<?> transformation() {
    return transformation;
  }

  public int id() {
    return transformation.id();
  }

  public String name() {
    return transformation.name();
  }

  public int parallelism() {
    return parallelism;
  }

  public List<StreamEdge> inputs() {
    return inputs;
  }

  public List<StreamEdge> outputs() {
    return outputs;
  }

  public boolean isSource() {
    return transformation instanceof SourceTransformation<?>;
  }

  public boolean isSink() {
    return transformation instanceof SinkTransformation<?>;
  }

  public boolean isKeyed() {
    if (transformation instanceof TwoInputTransformation<?, ?, ?> t) {
      return t.spec().isKeyed();
    }
    return transformation instanceof OneInputTransformation<?, ?> t && t.spec().isKeyed();
  }

  /** Whether this step has two inputs, told apart by {@link StreamEdge#targetInput()}. */
  public boolean isTwoInput() {
    return transformation instanceof TwoInputTransformation<?, ?, ?>;
  }

  /** Whether this step may block its thread, and so must not share a cooperative worker. */
  public boolean isBlocking() {
    if (transformation instanceof SourceTransformation<?> s) {
      return s.source().isBlocking();
    }
    return transformation instanceof SinkTransformation<?> s && s.sink().isBlocking();
  }

  @Override
  public String toString() {
    return name() + "(p=" + parallelism + ")";
  }
}
