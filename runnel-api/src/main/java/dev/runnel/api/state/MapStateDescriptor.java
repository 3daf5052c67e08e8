package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;
import java.util.Objects;

/**
 * Describes a {@link MapState}. {@link #type()} is the value type; {@link #keyType()} the user key
 * type.
 *
 * <pre>{@code new MapStateDescriptor<>("clicks", String.class, Long.class)}</pre>
 *
 * @param <K> user key type
 * @param <V> value type
 */
@Public
public final class MapStateDescriptor<K, V> extends StateDescriptor<MapState<K, V>, V> {
  private static final long serialVersionUID = 1L;

  private final Class<K> keyType;

  public MapStateDescriptor(String name, Class<K> keyType, Class<V> valueType) {
    super(name, valueType);
    this.keyType = Objects.requireNonNull(keyType, "map state key type");
  }

  public Class<K> keyType() {
    return keyType;
  }

  @Override
  String typeDescription() {
    return keyType.getSimpleName() + " -> " + type().getSimpleName();
  }
}
