package dev.runnel.cep.nfa;

import dev.runnel.api.annotation.Internal;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.MapState;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.api.state.ValueState;
import dev.runnel.cep.Contiguity;
import dev.runnel.cep.Pattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a compiled pattern over the events of the key its states are scoped to, one event at a time
 * in the order they must be matched. Everything it keeps is in those keyed states: the branches
 * (partial matches waiting for an event), the shared buffer of their events and steps, and two
 * counters; so it survives checkpoints, and a key with no partial match keeps nothing.
 *
 * <p><b>One event</b> ({@link #process}): branches older than the window time out; every branch
 * may take the event (extending its partial match into new branches), keep waiting (as its
 * contiguity allows) or die; a new partial match may start with it. Matches completed by the event
 * are then emitted in the order of their events, each pruning what the skip strategy says. The
 * exact rules, which the tests check against a brute-force matcher, are in {@code docs/cep.md}.
 *
 * <p>Not thread-safe: the subtask's thread, after it set the current key.
 */
@Internal
public final class Nfa {
  /** Where matches and timed-out partial matches go. */
  public interface Listener {
    void onMatch(Map<String, List<Object>> match, long timestamp) throws Exception;

    void onTimeout(Map<String, List<Object>> partial, long timestamp) throws Exception;
  }

  private final CompiledPattern pattern;
  private final ValueState<ArrayList<Branch>> branchState;
  private final ValueState<KeyCounters> counterState;
  private final SharedBuffer buffer;

  Nfa(CompiledPattern pattern, ValueState<ArrayList<Branch>> branches,
      ValueState<KeyCounters> counters, MapState<Long, BufferedEvent> events,
      MapState<Long, MatchNode> nodes) {
    this.pattern = pattern;
    this.branchState = branches;
    this.counterState = counters;
    this.buffer = new SharedBuffer(events, nodes);
  }

  /**
   * An NFA over the keyed states of {@code context} (the operator's), which it registers under
   * names starting with {@code __cep-}.
   */
  @SuppressWarnings("unchecked")
  public static Nfa create(CompiledPattern pattern, RuntimeContext context) {
    Class<ArrayList<Branch>> branchList = (Class<ArrayList<Branch>>) (Class<?>) ArrayList.class;
    return new Nfa(pattern,
        context.getState(new ValueStateDescriptor<>("__cep-branches", branchList)),
        context.getState(new ValueStateDescriptor<>("__cep-counters", KeyCounters.class)),
        context.getMapState(
            new MapStateDescriptor<>("__cep-events", Long.class, BufferedEvent.class)),
        context.getMapState(new MapStateDescriptor<>("__cep-nodes", Long.class, MatchNode.class)));
  }

  /**
   * Matches {@code event}, at {@code timestamp}, against the current key's partial matches.
   * Returns whether a partial match that started with this event is still waiting, so the caller
   * knows to arrange its timeout.
   */
  public boolean process(Object event, long timestamp, Listener listener) throws Exception {
    KeyCounters counters = counterState.value();
    if (counters == null) {
      counters = KeyCounters.INITIAL;
    }
    long seq = counters.nextSeq();
    buffer.nextNode = counters.nextNode();
    List<Branch> branches = expire(loadBranches(), timestamp, listener);
    Step step = new Step(event, timestamp, seq);
    for (Branch b : branches) {
      advance(b, step);
    }
    start(step);
    emit(step, listener);
    store(step.next, new KeyCounters(seq + 1, buffer.nextNode));
    for (Branch b : step.next) {
      if (b.startSeq() == seq) {
        return true;
      }
    }
    return false;
  }

  /**
   * Time has reached {@code time} with no event: partial matches whose window ended time out.
   * Without a window, does nothing.
   */
  public void advanceTime(long time, Listener listener) throws Exception {
    if (!pattern.hasWindow()) {
      return;
    }
    List<Branch> before = loadBranches();
    List<Branch> after = expire(before, time, listener);
    if (after.size() != before.size()) {
      KeyCounters counters = counterState.value();
      store(after, counters == null ? KeyCounters.INITIAL : counters);
    }
  }

  /** Whether the current key keeps no partial match, and so nothing in the shared buffer. */
  public boolean isEmpty() throws Exception {
    return branchState.value() == null && buffer.isEmpty();
  }

  private List<Branch> loadBranches() throws Exception {
    ArrayList<Branch> stored = branchState.value();
    return stored == null ? List.of() : stored;
  }

  private void store(List<Branch> branches, KeyCounters counters) throws Exception {
    if (branches.isEmpty()) {
      // No partial match left, so no node or event either: the key keeps nothing.
      branchState.clear();
      counterState.clear();
    } else {
      branchState.update(new ArrayList<>(branches));
      counterState.update(counters);
    }
  }

  /** Removes the branches whose window ended by {@code time}, reporting their partial matches. */
  private List<Branch> expire(List<Branch> branches, long time, Listener listener)
      throws Exception {
    if (!pattern.hasWindow() || branches.isEmpty()) {
      return branches;
    }
    List<Branch> alive = new ArrayList<>(branches.size());
    List<PartialMatch> timedOut = new ArrayList<>();
    Set<Long> reported = new HashSet<>();
    List<Long> toRelease = new ArrayList<>();
    for (Branch b : branches) {
      if (time - b.startTimestamp() < pattern.windowMillis()) {
        alive.add(b);
        continue;
      }
      // Branches of one partial match share its node; report it once, and never a complete
      // match (it was emitted when it completed).
      if (!pattern.isComplete(b.stage(), b.count()) && reported.add(b.node())) {
        timedOut.add(new PartialMatch(buffer, pattern, b.node()));
      }
      toRelease.add(b.node());
    }
    timedOut.sort(PartialMatch::compare);
    for (PartialMatch p : timedOut) {
      // Stamped with the end of its window, wherever the timeout was noticed.
      long start = buffer.event(p.steps().get(0).seq()).timestamp();
      listener.onTimeout(p.toMap(), start + pattern.windowMillis());
    }
    for (long node : toRelease) {
      buffer.release(node);
    }
    return alive;
  }

  /** The work of one event: the branches after it and the matches it completed. */
  private final class Step {
    final Object event;
    final long timestamp;
    final long seq;
    final List<Branch> next = new ArrayList<>();
    final List<Match> matches = new ArrayList<>();
    final Map<Long, PartialMatch> views = new HashMap<>();

    Step(Object event, long timestamp, long seq) {
      this.event = event;
      this.timestamp = timestamp;
      this.seq = seq;
    }

    PartialMatch view(long node) {
      PartialMatch view = node == MatchNode.NONE ? null : views.get(node);
      if (view == null) {
        view = new PartialMatch(buffer, pattern, node);
        if (node != MatchNode.NONE) {
          views.put(node, view);
        }
      }
      view.timestamp = timestamp;
      return view;
    }
  }

  /** A match completed by the current event, holding a reference to its last node. */
  private record Match(long node, long startSeq, PartialMatch view) {}

  private void advance(Branch b, Step step) throws Exception {
    Stage target = pattern.stage(b.target());
    PartialMatch ctx = step.view(b.node());
    boolean entering = b.entersTarget();
    boolean guarded = entering && target.guard() != Pattern.Kind.POSITIVE;
    if (!entering && pattern.stage(b.stage()).untilMet(step.event, ctx)) {
      buffer.release(b.node()); // the loop has ended: no more events for it
      return;
    }
    if (guarded && target.guard() == Pattern.Kind.NOT_NEXT && b.fresh()
        && target.guardMet(step.event, ctx)) {
      buffer.release(b.node()); // the event right after the previous stage is forbidden
      return;
    }
    boolean accepted = target.accepts(step.event, ctx);
    boolean take = accepted;
    if (take && entering) {
      Stage from = pattern.stage(b.stage());
      // A greedy loop keeps an event its own condition accepts rather than hand it on.
      if (from.greedy() && b.count() < from.max() && from.accepts(step.event, ctx)) {
        take = false;
      }
    }
    if (take) {
      extend(b.node(), b.target(), entering ? 1 : b.count() + 1, b.startSeq(),
          b.startTimestamp(), step);
    }
    Contiguity contiguity = entering ? target.contiguity() : target.inner();
    boolean waits = switch (contiguity) {
      case STRICT -> false;
      case RELAXED -> !accepted;
      case NON_DETERMINISTIC_RELAXED -> true;
    };
    if (waits && guarded && target.guard() == Pattern.Kind.NOT_FOLLOWED_BY
        && target.guardMet(step.event, ctx)) {
      waits = false;
    }
    if (waits) {
      step.next.add(b.notFresh());
    } else {
      buffer.release(b.node());
    }
  }

  /** A new partial match starting with the event, at any stage reachable past optional ones. */
  private void start(Step step) throws Exception {
    PartialMatch empty = step.view(MatchNode.NONE);
    for (int t = 0; t < pattern.size(); t++) {
      if (pattern.stage(t).accepts(step.event, empty)) {
        extend(MatchNode.NONE, t, 1, step.seq, step.timestamp, step);
      }
      if (pattern.stage(t).min() > 0) {
        break;
      }
    }
  }

  /** The event taken by {@code stage} as its {@code count}th: new branches, maybe a match. */
  private void extend(long previous, int stage, int count, long startSeq, long startTimestamp,
      Step step) throws Exception {
    Stage s = pattern.stage(stage);
    boolean loops = count < s.max();
    int lastTarget = stage; // the furthest later stage the next event may go to, if any
    if (count >= s.min()) {
      for (int t = stage + 1; t < pattern.size(); t++) {
        lastTarget = t;
        if (pattern.stage(t).min() > 0) {
          break;
        }
      }
    }
    boolean complete = pattern.isComplete(stage, count);
    // Created with all its references at once: one state write, not one per branch.
    int refs = (loops ? 1 : 0) + (lastTarget - stage) + (complete ? 1 : 0);
    if (refs == 0) {
      return;
    }
    long node = buffer.add(step.seq, step.event, step.timestamp, stage, previous, refs);
    if (loops) {
      step.next.add(new Branch(node, stage, count, stage, true, startSeq, startTimestamp));
    }
    for (int t = stage + 1; t <= lastTarget; t++) {
      step.next.add(new Branch(node, stage, count, t, true, startSeq, startTimestamp));
    }
    if (complete) {
      step.matches.add(new Match(node, startSeq, new PartialMatch(buffer, pattern, node)));
    }
  }

  /** Emits the completed matches in order, each pruning branches and later matches. */
  private void emit(Step step, Listener listener) throws Exception {
    if (step.matches.isEmpty()) {
      return;
    }
    step.matches.sort((a, b) -> PartialMatch.compare(a.view(), b.view()));
    SkipPruner pruner = new SkipPruner(pattern);
    List<Branch> kept = step.next;
    for (Match m : step.matches) {
      if (!pruner.prunes(m.startSeq())) {
        listener.onMatch(m.view().toMap(), step.timestamp);
        if (pruner.after(m.view().steps())) {
          kept = prune(kept, pruner);
        }
      }
      buffer.release(m.node());
    }
    if (kept != step.next) {
      step.next.clear();
      step.next.addAll(kept);
    }
  }

  private List<Branch> prune(List<Branch> branches, SkipPruner pruner) throws Exception {
    List<Branch> kept = new ArrayList<>(branches.size());
    for (Branch b : branches) {
      if (pruner.prunes(b.startSeq())) {
        buffer.release(b.node());
      } else {
        kept.add(b);
      }
    }
    return kept;
  }
}
