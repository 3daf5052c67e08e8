package dev.runnel.runtime.state;

import dev.runnel.api.state.StateBackend;

/** Makes {@link HeapKeyedStateBackend}s: the {@code heap} state backend. */
public final class HeapKeyedStateBackendFactory implements KeyedStateBackendFactory {
  @Override
  public String name() {
    return "heap";
  }

  @Override
  public StateBackend defaultConfiguration() {
    return StateBackend.heap();
  }

  @Override
  public Class<? extends KeyedStateHandle> handleType() {
    return HeapKeyedStateHandle.class;
  }

  @Override
  public KeyedStateBackend create(Parameters p) {
    return new HeapKeyedStateBackend(
        p.keyGroupRange(), p.maxParallelism(), p.processingTimeClock());
  }
}
