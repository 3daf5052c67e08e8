package dev.runnel.cep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference the NFA is tested against: enumerates every assignment of a key's events (in
 * timestamp order) to the pattern's stages and keeps those that the rules of docs/cep.md allow,
 * each rule checked as written there on the whole assignment, with no automaton. Then applies the
 * skip strategy to the matches in emission order. Exponential: for short sequences only.
 */
public final class BruteForceMatcher {
  /** A positive stage with the negative stage before it, read straight from the pattern chain. */
  private record S(Pattern<Ev> p, Pattern<Ev> guard) {
    int min() {
      return p.getMinTimes();
    }

    int max() {
      return p.getMaxTimes();
    }
  }

  /** One assigned event: its position in the sequence and its stage. */
  private record A(int index, int stage) {}

  private final List<S> stages = new ArrayList<>();
  private final Pattern<Ev> last;
  private List<Ev> events;
  private long[] timestamps;
  private final List<List<A>> found = new ArrayList<>();

  public BruteForceMatcher(Pattern<Ev> last) {
    this.last = last;
    List<Pattern<Ev>> chain = new ArrayList<>();
    for (Pattern<Ev> p = last; p != null; p = p.getPrevious()) {
      chain.add(0, p);
    }
    Pattern<Ev> guard = null;
    for (Pattern<Ev> p : chain) {
      if (p.getKind() != Pattern.Kind.POSITIVE) {
        guard = p;
      } else {
        stages.add(new S(p, guard));
        guard = null;
      }
    }
  }

  /** The matches, in emission order, as {@link Describe} writes them. */
  public List<String> matches(List<Ev> sortedEvents, long[] sortedTimestamps) throws Exception {
    this.events = sortedEvents;
    this.timestamps = sortedTimestamps;
    found.clear();
    extend(new ArrayList<>());
    List<List<A>> ordered = new ArrayList<>(found);
    ordered.sort(Comparator.<List<A>>comparingInt(m -> m.get(m.size() - 1).index())
        .thenComparing(BruteForceMatcher::lexicographic));
    List<List<A>> emitted = new ArrayList<>();
    List<String> out = new ArrayList<>();
    for (List<A> m : ordered) {
      boolean pruned = false;
      for (List<A> e : emitted) {
        pruned |= prunes(e, m.get(0).index());
      }
      if (!pruned) {
        emitted.add(m);
        out.add(Describe.describe(toMap(m)));
      }
    }
    return out;
  }

  private static int lexicographic(List<A> x, List<A> y) {
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      int c = Integer.compare(x.get(i).index(), y.get(i).index());
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.size(), y.size());
  }

  private boolean prunes(List<A> match, int start) {
    AfterMatchSkipStrategy skip = last.getSkipStrategy();
    switch (skip.kind()) {
      case NO_SKIP:
        return false;
      case SKIP_TO_NEXT:
        return start == match.get(0).index();
      case SKIP_PAST_LAST_EVENT:
        return start <= match.get(match.size() - 1).index();
      default:
        List<Integer> of = new ArrayList<>();
        for (A a : match) {
          if (stages.get(a.stage()).p().getName().equals(skip.stage())) {
            of.add(a.index());
          }
        }
        if (of.isEmpty()) {
          return false;
        }
        int to = skip.kind() == AfterMatchSkipStrategy.Kind.SKIP_TO_FIRST
            ? of.get(0) : of.get(of.size() - 1);
        return start < to;
    }
  }

  /** Tries every next (event, stage) after the assignment so far. */
  private void extend(List<A> prefix) throws Exception {
    int from = prefix.isEmpty() ? 0 : prefix.get(prefix.size() - 1).index() + 1;
    int firstStage = prefix.isEmpty() ? 0 : prefix.get(prefix.size() - 1).stage();
    for (int j = from; j < events.size(); j++) {
      for (int t = firstStage; t < stages.size(); t++) {
        if (allowed(prefix, j, t)) {
          prefix.add(new A(j, t));
          if (complete(prefix)) {
            found.add(List.copyOf(prefix));
          }
          extend(prefix);
          prefix.remove(prefix.size() - 1);
        }
      }
    }
  }

  private int count(List<A> prefix, int stage) {
    int n = 0;
    for (A a : prefix) {
      n += a.stage() == stage ? 1 : 0;
    }
    return n;
  }

  private boolean complete(List<A> m) {
    int t = m.get(m.size() - 1).stage();
    if (count(m, t) < stages.get(t).min()) {
      return false;
    }
    for (int i = t + 1; i < stages.size(); i++) {
      if (stages.get(i).min() > 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether event {@code j} may go to stage {@code t} after {@code prefix}: the rules. */
  private boolean allowed(List<A> prefix, int j, int t) throws Exception {
    S target = stages.get(t);
    Ctx ctx = new Ctx(prefix, timestamps[j]);
    if (prefix.isEmpty()) {
      for (int i = 0; i < t; i++) {
        if (stages.get(i).min() > 0) {
          return false;
        }
      }
      return holds(target.p().getCondition(), events.get(j), ctx);
    }
    A lastA = prefix.get(prefix.size() - 1);
    int i = lastA.index();
    int s = lastA.stage();
    int countS = count(prefix, s);
    Pattern<Ev> windowed = last;
    if (windowed.getWindow() != null
        && timestamps[j] - timestamps[prefix.get(0).index()] >= windowed.getWindow().toMillis()) {
      return false;
    }
    Contiguity contiguity;
    if (t == s) {
      if (countS + 1 > target.max()) {
        return false;
      }
      contiguity = target.p().getInnerContiguity();
      IterativeCondition<Ev> until = target.p().getUntilCondition();
      for (int k = i + 1; k <= j && until != null; k++) {
        if (until.filter(events.get(k), new Ctx(prefix, timestamps[k]))) {
          return false;
        }
      }
    } else {
      if (countS < stages.get(s).min()) {
        return false;
      }
      for (int k = s + 1; k < t; k++) {
        if (stages.get(k).min() > 0) {
          return false;
        }
      }
      contiguity = target.p().getContiguity();
      S from = stages.get(s);
      if (from.p().isGreedy() && countS < from.max()
          && holds(from.p().getCondition(), events.get(j), ctx)) {
        return false;
      }
      Pattern<Ev> guard = target.guard();
      if (guard != null && guard.getKind() == Pattern.Kind.NOT_NEXT
          && holds(guard.getCondition(), events.get(i + 1), new Ctx(prefix, timestamps[i + 1]))) {
        return false;
      }
      for (int k = i + 1; k < j && guard != null
          && guard.getKind() == Pattern.Kind.NOT_FOLLOWED_BY; k++) {
        if (holds(guard.getCondition(), events.get(k), new Ctx(prefix, timestamps[k]))) {
          return false;
        }
      }
    }
    if (!holds(target.p().getCondition(), events.get(j), ctx)) {
      return false;
    }
    for (int k = i + 1; k < j; k++) {
      if (contiguity == Contiguity.STRICT) {
        return false;
      }
      if (contiguity == Contiguity.RELAXED
          && holds(target.p().getCondition(), events.get(k), new Ctx(prefix, timestamps[k]))) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(IterativeCondition<Ev> c, Ev e, Ctx ctx) throws Exception {
    return c == null || c.filter(e, ctx);
  }

  private Map<String, List<Ev>> toMap(List<A> m) {
    Map<String, List<Ev>> map = new LinkedHashMap<>();
    for (A a : m) {
      map.computeIfAbsent(stages.get(a.stage()).p().getName(), k -> new ArrayList<>())
          .add(events.get(a.index()));
    }
    return map;
  }

  /** The partial match as an iterative condition sees it. */
  private final class Ctx implements IterativeCondition.Context<Ev> {
    private final List<A> prefix;
    private final long timestamp;

    Ctx(List<A> prefix, long timestamp) {
      this.prefix = List.copyOf(prefix);
      this.timestamp = timestamp;
    }

    @Override
    public Iterable<Ev> getEventsForPattern(String name) {
      List<Ev> out = new ArrayList<>();
      for (A a : prefix) {
        if (stages.get(a.stage()).p().getName().equals(name)) {
          out.add(events.get(a.index()));
        }
      }
      return out;
    }

    @Override
    public long timestamp() {
      return timestamp;
    }
  }
}
