package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Prints each record's {@code toString()} on its own line. With parallelism above 1 each line is
 * prefixed with the subtask number ({@code "2> "}), as Flink does. Lines from different subtasks
 * never interleave within a line.
 *
 * @param <T> record type
 */
@Public
public final class PrintSink<T> implements Sink<T> {
  private final PrintStream out;
  private final String prefix;

  /** Prints to {@code System.out}. */
  public PrintSink() {
    this(System.out, "");
  }

  /** Prints to {@code out}, each line starting with {@code prefix} (may be empty). */
  public PrintSink(PrintStream out, String prefix) {
    this.out = Objects.requireNonNull(out, "out");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    String linePrefix =
        prefix + (context.parallelism() > 1 ? (context.subtaskIndex() + 1) + "> " : "");
    return new SinkWriter<>() {
      @Override
      public void write(T record) {
        out.println(linePrefix + record);
      }

      @Override
      public void finish() {
        out.flush();
      }
    };
  }
}
