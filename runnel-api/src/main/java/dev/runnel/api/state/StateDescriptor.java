package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.util.Objects;

/**
 * Names a piece of keyed state and its value type. The name is the state's identity inside its
 * operator: registering two descriptors with one name but different kinds is an error.
 *
 * @param <S> the state type it creates
 * @param <T> the value type
 */
@Public
public abstract class StateDescriptor<S extends State, T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final Class<T> type;

  protected StateDescriptor(String name, Class<T> type) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("state name must not be blank");
    }
    this.name = name;
    this.type = Objects.requireNonNull(type, "state value type");
  }

  public String name() {
    return name;
  }

  public Class<T> type() {
    return type;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + name + ": " + type.getSimpleName() + ")";
  }
}
