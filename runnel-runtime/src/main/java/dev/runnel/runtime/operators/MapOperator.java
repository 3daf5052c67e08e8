package dev.runnel.runtime.operators;

import dev.runnel.api.functions.MapFunction;

/** Applies a {@link MapFunction}; the result keeps the input's timestamp. */
public final class MapOperator extends UserFunctionOperator<MapFunction<Object, Object>> {
  public MapOperator(MapFunction<Object, Object> function) {
    super(function);
  }

  @Override
  public void processElement(Object record, long timestamp) throws Exception {
    output.emit(function.map(record), timestamp);
  }
}
