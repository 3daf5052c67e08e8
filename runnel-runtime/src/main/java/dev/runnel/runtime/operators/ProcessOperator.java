package dev.runnel.runtime.operators;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.ProcessFunction;

/** Runs a {@link ProcessFunction}, giving it side outputs through its context. */
public final class ProcessOperator extends UserFunctionOperator<ProcessFunction<Object, Object>>
    implements ProcessFunction.Context {
  private TimestampedCollector collector;

  public ProcessOperator(ProcessFunction<Object, Object> function) {
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
    function.processElement(record, this, collector);
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
