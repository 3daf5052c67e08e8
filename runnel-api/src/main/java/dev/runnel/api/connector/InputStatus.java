package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;

/** What a {@link SourceReader} says after one {@link SourceReader#pollNext} call. */
@Public
public enum InputStatus {
  /** More records can be read right away; the runtime will call again soon. */
  MORE_AVAILABLE,
  /** Nothing to read now (waiting for data or a rate limit); the runtime will call again later. */
  NOTHING_AVAILABLE,
  /** This reader has emitted its last record and will not be called again. */
  END_OF_INPUT
}
