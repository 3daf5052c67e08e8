package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.util.Objects;

/**
 * Names a piece of keyed state, its kind and its value type. The name is the state's identity
 * inside its operator: asking twice for one name returns the same state, and asking for a name
 * already registered with another kind or type is an error that names both.
 *
 * <p>A descriptor is configuration: change it (for example with {@link #enableTimeToLive}) before
 * passing it to the runtime context, not after.
 *
 * @param <S> the state type it creates
 * @param <T> the value type: the value, the list element, the map value or the accumulator
 */
@Public
public abstract sealed class StateDescriptor<S extends State, T> implements Serializable
    permits ValueStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor,
        AggregatingStateDescriptor {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final Class<T> type;
  private StateTtlConfig ttlConfig;

  StateDescriptor(String name, Class<T> type) {
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

  /**
   * Makes values of this state expire; see {@link StateTtlConfig} for when and how they are
   * removed. {@code null} turns time-to-live off again.
   */
  public void enableTimeToLive(StateTtlConfig ttlConfig) {
    this.ttlConfig = ttlConfig;
  }

  /** The time-to-live configuration, or {@code null} if values never expire. */
  public StateTtlConfig ttlConfig() {
    return ttlConfig;
  }

  /** The types as shown by {@link #toString()}. */
  String typeDescription() {
    return type.getSimpleName();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + name + ": " + typeDescription()
        + (ttlConfig == null ? "" : ", " + ttlConfig) + ")";
  }
}
