package dev.runnel.runtime.state;

import java.io.Serializable;

/**
 * The namespace of state that has none: everything a user function reads and writes outside a
 * window. A singleton, so comparing it is an identity check.
 */
public final class VoidNamespace implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final VoidNamespace INSTANCE = new VoidNamespace();

  private VoidNamespace() {}

  @Override
  public int hashCode() {
    return 0x5bd1e995;
  }

  @Override
  public boolean equals(Object o) {
    return o == this;
  }

  @Override
  public String toString() {
    return "VoidNamespace";
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
