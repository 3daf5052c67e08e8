package dev.runnel.runtime.state;

import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.StateDescriptor;
import java.util.Objects;

/** The rule every keyed state backend applies when a state name is asked for a second time. */
public final class StateRegistrations {
  private StateRegistrations() {}

  /**
   * Checks that {@code requested} describes the same state as {@code registered}: same kind, value
   * type, map key type and time-to-live.
   *
   * @throws IllegalStateException naming both descriptors otherwise
   */
  public static void checkCompatible(
      StateDescriptor<?, ?> registered, StateDescriptor<?, ?> requested) {
    boolean same = registered.getClass() == requested.getClass()
        && registered.type().equals(requested.type())
        && (!(registered instanceof MapStateDescriptor<?, ?> m)
            || m.keyType().equals(((MapStateDescriptor<?, ?>) requested).keyType()))
        && Objects.equals(registered.ttlConfig(), requested.ttlConfig());
    if (!same) {
      throw new IllegalStateException("state '" + requested.name() + "' is already registered as "
          + registered + ", cannot register it again as " + requested);
    }
  }
}
