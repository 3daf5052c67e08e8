package dev.runnel.runtime.state;

import dev.runnel.api.state.StateBackend;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Makes the keyed state backends of one kind of {@link StateBackend}. Found through {@link
 * java.util.ServiceLoader} by {@link #name()}, so that the CLI's {@code --state-backend NAME}
 * works for any backend on the classpath.
 */
public interface KeyedStateBackendFactory {
  /** The backend's name, as {@link StateBackend#name()} and {@code --state-backend} give it. */
  String name();

  /** The configuration used when the user names the backend without configuring it. */
  StateBackend defaultConfiguration();

  /** The class of this backend's {@link KeyedStateHandle}s, to read them back from metadata. */
  Class<? extends KeyedStateHandle> handleType();

  KeyedStateBackend create(Parameters parameters) throws Exception;

  /**
   * Where a backend runs.
   *
   * @param configuration the user's {@link StateBackend} object (options of the backend)
   * @param localDirectory a folder for this subtask's working files, created by the backend as
   *     needed and removed on close
   * @param processingTimeClock processing time in epoch milliseconds, for time-to-live
   */
  record Parameters(
      String jobName,
      String operatorUid,
      int subtaskIndex,
      KeyGroupRange keyGroupRange,
      int maxParallelism,
      LongSupplier processingTimeClock,
      StateBackend configuration,
      Path localDirectory) {}
}
