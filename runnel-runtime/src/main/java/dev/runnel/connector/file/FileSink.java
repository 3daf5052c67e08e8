package dev.runnel.connector.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.runnel.api.annotation.Public;
import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes every record as one line of a single UTF-8 file: as JSON or as its {@code toString()}.
 *
 * <pre>{@code
 * orders.sinkTo(FileSink.jsonLines(Path.of("out/orders.jsonl")));
 * }</pre>
 *
 * <p>One file means one writer: {@link #maxParallelism()} is 1. The file is created when the job
 * starts, with its parent directories; an existing file is truncated. It is complete, flushed and
 * fsynced, once the job has finished; a failed or cancelled job leaves what was written so far,
 * possibly cut mid-line. Errors name the file.
 *
 * @param <T> record type
 */
@Public
public final class FileSink<T> implements Sink<T> {
  private final Path file;
  private final LineEncoder<? super T> encoder;

  private FileSink(Path file, LineEncoder<? super T> encoder) {
    this.file = Objects.requireNonNull(file, "file");
    this.encoder = encoder;
  }

  /**
   * Each record as one JSON document per line, as Jackson writes it: records by their component
   * names, beans by their properties, {@code @JsonProperty} names where given. Types that need a
   * Jackson module (such as {@code java.time} values) are not supported.
   */
  public static <T> FileSink<T> jsonLines(Path file) {
    // One mapper per sink, shared by its writer: thread-safe once configured.
    ObjectMapper mapper = JsonMapper.builder().build();
    return new FileSink<>(file, mapper::writeValueAsString);
  }

  /**
   * Each record's {@code toString()} per line ({@code "null"} for null). A string containing a line
   * break becomes several lines.
   */
  public static FileSink<String> textLines(Path file) {
    return new FileSink<>(file, String::valueOf);
  }

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    return FileSinkWriter.open(file, encoder);
  }

  /** Always 1: all records go to one file. */
  @Override
  public int maxParallelism() {
    return 1;
  }

  /** The file written. */
  public Path file() {
    return file;
  }

  @Override
  public String toString() {
    return "FileSink(" + file + ")";
  }
}
