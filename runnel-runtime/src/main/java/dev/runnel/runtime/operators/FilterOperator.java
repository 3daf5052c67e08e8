package dev.runnel.runtime.operators;

import dev.runnel.api.functions.FilterFunction;

/** Forwards the records a {@link FilterFunction} accepts. */
public final class FilterOperator extends UserFunctionOperator<FilterFunction<Object>> {
  public FilterOperator(FilterFunction<Object> function) {
    super(function);
  }

  @Override
  public void processElement(Object record, long timestamp) throws Exception {
    if (function.filter(record)) {
      output.emit(record, timestamp);
    }
  }
}
