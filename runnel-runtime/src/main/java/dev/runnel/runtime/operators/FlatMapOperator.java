package dev.runnel.runtime.operators;

import dev.runnel.api.functions.FlatMapFunction;

/** Applies a {@link FlatMapFunction}; every result keeps the input's timestamp. */
public final class FlatMapOperator extends UserFunctionOperator<FlatMapFunction<Object, Object>> {
  private TimestampedCollector collector;

  public FlatMapOperator(FlatMapFunction<Object, Object> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    collector = new TimestampedCollector(output);
    super.open();
  }

  @Override
  public void processElement(Object record, long timestamp) throws Exception {
    collector.setTimestamp(timestamp);
    function.flatMap(record, collector);
  }
}
