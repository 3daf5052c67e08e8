package dev.runnel.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.api.functions.MapFunction;
import dev.runnel.api.functions.RichFunction;
import dev.runnel.api.functions.RuntimeContext;

/**
 * Turns each element into one line of JSON (Jackson, without a line break), for sinks that print
 * or write text. Records and POJOs are written with their Jackson annotations. Each subtask gets
 * its own mapper in {@link #open}.
 *
 * @param <T> element type
 */
public final class ToJsonLine<T> implements MapFunction<T, String>, RichFunction {
  private static final long serialVersionUID = 1L;

  private transient ObjectMapper mapper;

  @Override
  public void open(RuntimeContext context) {
    mapper = new ObjectMapper();
  }

  @Override
  public String map(T value) throws Exception {
    return mapper.writeValueAsString(value);
  }
}
