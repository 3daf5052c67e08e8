package dev.runnel.cep;

import dev.runnel.api.DataStream;
import dev.runnel.api.KeyedStream;
import dev.runnel.api.OutputTag;
import dev.runnel.api.annotation.Public;
import dev.runnel.api.internal.OperatorSpec;
import dev.runnel.cep.internal.CepOperatorProvider;
import dev.runnel.cep.nfa.CompiledPattern;
import dev.runnel.cep.nfa.PatternCompiler;
import java.util.Objects;

/**
 * A pattern applied to a keyed stream, before its matches are turned into output ({@link
 * #process}, {@link #select}).
 *
 * <p><b>Event time</b> (the default): elements must carry timestamps. They are held until the
 * watermark passes them and then matched in timestamp order (equal timestamps in arrival order),
 * so out-of-order input matches as if it had been in order. An element at or behind the watermark
 * when it arrives is late: it goes to {@link #sideOutputLateData} if set, else it is dropped and
 * counted. Timed-out partial matches are reported when the watermark passes their window's end.
 *
 * <p><b>Processing time</b> ({@link #inProcessingTime()}): elements are matched as they arrive,
 * at the subtask's clock; windows end by that clock.
 *
 * @param <K> key type
 * @param <T> event type
 */
@Public
public final class PatternStream<K, T> {
  private final KeyedStream<K, T> input;
  private final Pattern<T> pattern;
  private final CompiledPattern compiled;
  private boolean processingTime;
  private OutputTag<T> lateTag;

  PatternStream(KeyedStream<K, T> input, Pattern<T> pattern) {
    this.input = input;
    this.pattern = pattern;
    this.compiled = PatternCompiler.compile(pattern);
  }

  /** Matches elements as they arrive, in processing time. */
  public PatternStream<K, T> inProcessingTime() {
    this.processingTime = true;
    return this;
  }

  /** Matches elements in timestamp order as the watermark passes them (the default). */
  public PatternStream<K, T> inEventTime() {
    this.processingTime = false;
    return this;
  }

  /** Sends elements that arrive at or behind the watermark to {@code tag} (event time only). */
  public PatternStream<K, T> sideOutputLateData(OutputTag<T> tag) {
    this.lateTag = Objects.requireNonNull(tag, "tag");
    return this;
  }

  /** Calls {@code function} with each match and each timed-out partial match. */
  public <R> DataStream<R> process(PatternProcessFunction<T, R> function) {
    Objects.requireNonNull(function, "function");
    CepOperatorProvider provider =
        new CepOperatorProvider(compiled, function, processingTime, lateTag);
    return input.transform("CEP", new OperatorSpec.Custom(provider, input.keySelector()));
  }

  /** One output value per match; timed-out partial matches are ignored. */
  public <R> DataStream<R> select(PatternSelectFunction<T, R> function) {
    Objects.requireNonNull(function, "function");
    return process(new SelectAdapter<T, R, Void>(function, null, null));
  }

  /**
   * One output value per match, and one value on {@code timedOutTag} per timed-out partial match
   * (read it with {@code getSideOutput(timedOutTag)} on the returned stream).
   */
  public <X, R> DataStream<R> select(OutputTag<X> timedOutTag,
      PatternTimeoutFunction<T, X> timeoutFunction, PatternSelectFunction<T, R> selectFunction) {
    Objects.requireNonNull(timedOutTag, "timedOutTag");
    Objects.requireNonNull(timeoutFunction, "timeoutFunction");
    Objects.requireNonNull(selectFunction, "selectFunction");
    return process(new SelectAdapter<>(selectFunction, timedOutTag, timeoutFunction));
  }

  /** The pattern this stream matches. */
  public Pattern<T> pattern() {
    return pattern;
  }
}
