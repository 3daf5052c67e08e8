package dev.runnel.runtime.operators;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.CoProcessFunction;

/** Runs a {@link CoProcessFunction}: each input to its own method, side outputs through the context. */
public final class CoProcessOperator
    extends TwoInputStreamOperator<CoProcessFunction<Object, Object, Object>>
    implements CoProcessFunction.Context {
  private TimestampedCollector collector;

  public CoProcessOperator(CoProcessFunction<Object, Object, Object> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    collector = new TimestampedCollector(output);
    super.open();
  }

  @Override
  public void processElement1(Object record, long timestamp) throws Exception {
    collector.setTimestamp(timestamp);
    function.processElement1(record, this, collector);
  }

  @Override
  public void processElement2(Object record, long timestamp) throws Exception {
    collector.setTimestamp(timestamp);
    function.processElement2(record, this, collector);
  }

  @Override
  public Long timestamp() {
    return apiTimestamp(collector.timestamp());
  }

  @Override
  public <X> void output(OutputTag<X> tag, X value) {
    output.emitSide(tag, value, collector.timestamp());
  }
}
