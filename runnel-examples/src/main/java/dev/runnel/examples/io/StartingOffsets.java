package dev.runnel.examples.io;

import dev.runnel.examples.JobArgumentException;
import java.util.Locale;

/**
 * Where a job starts reading a Kafka input topic when no checkpoint says where
 * ({@code --starting-offsets}); a position restored from a checkpoint always wins.
 */
public enum StartingOffsets {
  /** The first record still in each partition: a rerun reads the topic again. The default. */
  EARLIEST,
  /** The end of each partition when the job starts: only records written afterwards. */
  LATEST,
  /** The consumer group's committed offsets, else the first record (as {@link #EARLIEST}). */
  COMMITTED;

  /**
   * The value of {@code --starting-offsets}: {@code earliest}, {@code latest} or {@code
   * committed}.
   *
   * @throws JobArgumentException naming the values if {@code text} is none of them
   */
  public static StartingOffsets parse(String text) {
    for (StartingOffsets value : values()) {
      if (value.toString().equals(text.trim())) {
        return value;
      }
    }
    throw new JobArgumentException("invalid value '" + text
        + "' for option --starting-offsets: expected earliest, latest or committed");
  }

  /** As typed on the command line: {@code earliest}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
