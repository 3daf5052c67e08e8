package dev.runnel.cep.nfa;

import dev.runnel.cep.IterativeCondition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events a partial match has taken, read from the shared buffer on first use: what iterative
 * conditions see, and what a match or timed-out partial match is handed out as. Valid only while
 * its node is referenced (during one NFA call).
 */
final class PartialMatch implements IterativeCondition.Context<Object> {
  /** One step, oldest first. */
  record Step(int stage, long seq, Object event) {}

  private final SharedBuffer buffer;
  private final CompiledPattern pattern;
  private final long node;
  private List<Step> steps;
  long timestamp;

  PartialMatch(SharedBuffer buffer, CompiledPattern pattern, long node) {
    this.buffer = buffer;
    this.pattern = pattern;
    this.node = node;
  }

  List<Step> steps() throws Exception {
    if (steps == null) {
      List<Step> reversed = new ArrayList<>();
      for (long id = node; id != MatchNode.NONE; ) {
        MatchNode n = buffer.node(id);
        reversed.add(new Step(n.stage(), n.event(), buffer.event(n.event()).event()));
        id = n.previous();
      }
      Collections.reverse(reversed);
      steps = reversed;
    }
    return steps;
  }

  @Override
  public Iterable<Object> getEventsForPattern(String name) throws Exception {
    List<Object> out = new ArrayList<>();
    for (Step s : steps()) {
      if (pattern.stage(s.stage()).name().equals(name)) {
        out.add(s.event());
      }
    }
    return out;
  }

  @Override
  public long timestamp() {
    return timestamp;
  }

  /** Stage name to its events, in stage order; stages without events are left out. */
  Map<String, List<Object>> toMap() throws Exception {
    Map<String, List<Object>> map = new LinkedHashMap<>();
    for (Step s : steps()) {
      map.computeIfAbsent(pattern.stage(s.stage()).name(), k -> new ArrayList<>()).add(s.event());
    }
    return map;
  }

  /** Orders partial matches by their events' sequence numbers, element by element. */
  static int compare(PartialMatch a, PartialMatch b) {
    try {
      List<Step> x = a.steps();
      List<Step> y = b.steps();
      for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
        int c = Long.compare(x.get(i).seq(), y.get(i).seq());
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.size(), y.size());
    } catch (Exception e) {
      throw new IllegalStateException("cannot read partial matches from the shared buffer", e);
    }
  }
}
