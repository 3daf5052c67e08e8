package dev.runnel.runtime.task;

import dev.runnel.api.connector.InputStatus;

/** Feeds a chain's head: from a source reader, or from the channels of upstream subtasks. */
interface InputDriver {
  void open() throws Exception;

  /**
   * Moves one bounded unit of input (one reader poll, one batch) into the chain. Returns {@link
   * InputStatus#END_OF_INPUT} once the input has ended and the final watermark has been passed on.
   */
  InputStatus step() throws Exception;

  void close() throws Exception;
}
