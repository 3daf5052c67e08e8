package dev.runnel.cep.internal;

import dev.runnel.api.annotation.Internal;
import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.cep.PatternProcessFunction;
import dev.runnel.cep.nfa.CompiledPattern;
import dev.runnel.runtime.operators.OperatorProvider;
import dev.runnel.runtime.operators.StreamOperator;

/**
 * What a CEP step carries into the job: the compiled pattern, the user's function and the time
 * mode. Copied per subtask by the runtime, so each subtask's operator has its own function.
 */
@Internal
public final class CepOperatorProvider implements OperatorProvider {
  private static final long serialVersionUID = 1L;

  private final CompiledPattern pattern;
  private final PatternProcessFunction<?, ?> function;
  private final boolean processingTime;
  private final OutputTag<?> lateTag;

  /**
   * @param lateTag where late elements go in event time, or null to drop and count them
   */
  public CepOperatorProvider(CompiledPattern pattern, PatternProcessFunction<?, ?> function,
      boolean processingTime, OutputTag<?> lateTag) {
    this.pattern = pattern;
    this.function = function;
    this.processingTime = processingTime;
    this.lateTag = lateTag;
  }

  @SuppressWarnings("unchecked")
  @Override
  public StreamOperator create(KeySelector<Object, Object> keySelector) {
    if (keySelector == null) {
      throw new IllegalStateException("a CEP step runs on a keyed stream");
    }
    return new CepOperator((PatternProcessFunction<Object, Object>) function, keySelector, pattern,
        processingTime, lateTag);
  }
}
