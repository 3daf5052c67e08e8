package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;

/**
 * Keyed state kept as Java objects on the heap: the fastest access, bounded by the JVM's memory.
 * A checkpoint copies each state into bytes in a short synchronous phase and writes them to disk
 * asynchronously.
 */
@Public
public final class HeapStateBackend implements StateBackend {
  private static final long serialVersionUID = 1L;

  static final HeapStateBackend INSTANCE = new HeapStateBackend();

  private HeapStateBackend() {}

  @Override
  public String name() {
    return "heap";
  }

  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return "heap";
  }
}
