package dev.runnel.runtime.operators;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.runtime.state.HeapKeyedStateBackend;

/**
 * Runs a {@link KeyedProcessFunction}: sets the element's key on the keyed state before calling
 * the function, so its state reads and writes that key's values.
 */
public final class KeyedProcessOperator
    extends UserFunctionOperator<KeyedProcessFunction<Object, Object, Object>>
    implements KeyedProcessFunction.Context<Object> {
  private final KeySelector<Object, Object> keySelector;
  private HeapKeyedStateBackend state;
  private TimestampedCollector collector;

  public KeyedProcessOperator(
      KeyedProcessFunction<Object, Object, Object> function, KeySelector<Object, Object> keySelector) {
    super(function);
    this.keySelector = keySelector;
  }

  @Override
  public void open() throws Exception {
    state = context.keyedState();
    collector = new TimestampedCollector(output);
    super.open();
  }

  @Override
  public void processElement(Object record, long timestamp) throws Exception {
    state.setCurrentKey(keySelector.getKey(record));
    collector.setTimestamp(timestamp);
    function.processElement(record, this, collector);
  }

  @Override
  public Long timestamp() {
    return apiTimestamp(collector.timestamp());
  }

  @Override
  public Object getCurrentKey() {
    return state.keys().currentKey();
  }

  @Override
  public <X> void output(OutputTag<X> tag, X value) {
    output.emitSide(tag, value, collector.timestamp());
  }
}
