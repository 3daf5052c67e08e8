package dev.runnel.cep;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.Collector;
import java.util.List;
import java.util.Map;

/** Emits each match as "key stage=[ids] …"; timed-out partial matches to {@link #TIMED_OUT}. */
final class Describe extends PatternProcessFunction<Ev, String> {
  static final OutputTag<String> TIMED_OUT = new OutputTag<>("timed-out");

  @Override
  public void processMatch(Map<String, List<Ev>> match, Context ctx, Collector<String> out) {
    out.collect(describe(match));
  }

  @Override
  public void processTimedOutMatch(Map<String, List<Ev>> partial, Context ctx) {
    ctx.output(TIMED_OUT, describe(partial) + " @" + ctx.timestamp());
  }

  static String describe(Map<String, List<Ev>> match) {
    StringBuilder s = new StringBuilder(match.values().iterator().next().get(0).key());
    match.forEach((stage, events) -> {
      s.append(' ').append(stage).append('=');
      s.append(events.stream().map(e -> String.valueOf(e.id())).toList());
    });
    return s.toString().replace(" ", " ").replace(", ", ",");
  }
}
