package dev.runnel.api;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.util.Objects;

/**
 * Names a side output: a second stream an operator can emit to besides its main output. Two tags
 * are the same side output when their ids are equal.
 *
 * <pre>{@code
 * OutputTag<Order> suspicious = new OutputTag<>("suspicious");
 * }</pre>
 *
 * @param <T> the type of the side output's elements
 */
@Public
public final class OutputTag<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String id;

  public OutputTag(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("side output id must not be blank");
    }
    this.id = id;
  }

  public String id() {
    return id;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutputTag<?> other && other.id.equals(id);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id);
  }

  @Override
  public String toString() {
    return "OutputTag(" + id + ")";
  }
}
