package dev.runnel.api.functions;

import dev.runnel.api.annotation.Public;

/** Which clock a timer follows. */
@Public
public enum TimeDomain {
  /** Fires when the watermark reaches the timer's time. */
  EVENT_TIME,
  /** Fires when the wall clock of the machine reaches the timer's time. */
  PROCESSING_TIME
}
