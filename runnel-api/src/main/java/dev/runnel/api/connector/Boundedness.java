package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;

/** Whether a source ends by itself. A job whose sources are all bounded finishes by itself. */
@Public
public enum Boundedness {
  BOUNDED,
  UNBOUNDED
}
