package dev.runnel.cep;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * A sequence of named stages that events of one key must pass, in the style of Flink CEP. Each
 * call that adds a stage returns it; conditions and quantifiers apply to the stage last added.
 *
 * <pre>{@code
 * Pattern<Charge> p = Pattern.<Charge>begin("small").where(c -> c.amount() < 1).times(3)
 *     .followedBy("large").where(c -> c.amount() > 500)
 *     .within(Duration.ofMinutes(10));
 * }</pre>
 *
 * <p><b>Stages</b> follow the previous one with {@link #next} (strict contiguity), {@link
 * #followedBy} (relaxed) or {@link #followedByAny} (non-deterministic relaxed), see {@link
 * Contiguity}. {@link #notNext} and {@link #notFollowedBy} add a negative stage: the event right
 * after the previous stage's last event, or any event between it and the next stage's first
 * event, must not meet its condition. A pattern neither starts nor ends with a negative stage, and
 * the stages around one are not optional.
 *
 * <p><b>Quantifiers</b> (at most one per stage): {@link #times(int)}, {@link #times(int, int)},
 * {@link #oneOrMore()}, {@link #timesOrMore(int)}; then {@link #optional()} allows zero events,
 * and for a looping stage {@link #consecutive()} / {@link #allowCombinations()} set the contiguity
 * between its own events (relaxed by default), {@link #greedy()} forbids leaving the loop with an
 * event that the loop's condition accepts, and {@link #until} ends the loop at the first event,
 * after its first one, that meets the until-condition.
 *
 * <p>A pattern is a description: it is serialized with the job, so conditions must be
 * serializable. Patterns are built on one thread and must not be changed once handed to {@link
 * CEP#pattern}.
 *
 * @param <T> event type
 */
@Public
public final class Pattern<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Whether a stage takes events or forbids them. */
  public enum Kind {
    /** A stage that takes events. */
    POSITIVE,
    /** {@link #notNext}: the event right after the previous stage must not meet the condition. */
    NOT_NEXT,
    /** {@link #notFollowedBy}: no event before the next stage may meet the condition. */
    NOT_FOLLOWED_BY
  }

  /** Marks an unbounded number of repetitions in {@link #getMaxTimes()}. */
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  private final String name;
  private final Pattern<T> previous;
  private final Kind kind;
  private final Contiguity contiguity;
  private final AfterMatchSkipStrategy skipStrategy;
  private IterativeCondition<T> condition;
  private IterativeCondition<T> untilCondition;
  private int minTimes = 1;
  private int maxTimes = 1;
  private boolean quantified;
  private boolean optional;
  private boolean greedy;
  private Contiguity innerContiguity = Contiguity.RELAXED;
  private Duration window;

  private Pattern(String name, Pattern<T> previous, Kind kind, Contiguity contiguity,
      AfterMatchSkipStrategy skipStrategy) {
    if (name == null || name.isBlank()) {
      throw new MalformedPatternException("a pattern stage needs a name");
    }
    for (Pattern<T> p = previous; p != null; p = p.previous) {
      if (p.name.equals(name)) {
        throw new MalformedPatternException("stage name '" + name + "' is used twice");
      }
    }
    this.name = name;
    this.previous = previous;
    this.kind = kind;
    this.contiguity = contiguity;
    this.skipStrategy = skipStrategy;
    this.window = previous == null ? null : previous.window;
  }

  /** Starts a pattern with stage {@code name}, which keeps every match ({@code noSkip}). */
  public static <T> Pattern<T> begin(String name) {
    return begin(name, AfterMatchSkipStrategy.noSkip());
  }

  /** Starts a pattern with stage {@code name} and the given after-match skip strategy. */
  public static <T> Pattern<T> begin(String name, AfterMatchSkipStrategy skipStrategy) {
    return new Pattern<>(name, null, Kind.POSITIVE, Contiguity.RELAXED,
        Objects.requireNonNull(skipStrategy, "skipStrategy"));
  }

  /** A stage whose first event comes right after the previous stage's last one. */
  public Pattern<T> next(String name) {
    return add(name, Kind.POSITIVE, Contiguity.STRICT);
  }

  /** A stage whose first event is the first later event its condition accepts. */
  public Pattern<T> followedBy(String name) {
    return add(name, Kind.POSITIVE, Contiguity.RELAXED);
  }

  /** A stage whose first event is any later event its condition accepts. */
  public Pattern<T> followedByAny(String name) {
    return add(name, Kind.POSITIVE, Contiguity.NON_DETERMINISTIC_RELAXED);
  }

  /** A negative stage: the event right after the previous stage must not meet its condition. */
  public Pattern<T> notNext(String name) {
    return add(name, Kind.NOT_NEXT, Contiguity.STRICT);
  }

  /** A negative stage: no event between its neighbours may meet its condition. */
  public Pattern<T> notFollowedBy(String name) {
    return add(name, Kind.NOT_FOLLOWED_BY, Contiguity.RELAXED);
  }

  private Pattern<T> add(String name, Kind kind, Contiguity contiguity) {
    return new Pattern<>(name, this, kind, contiguity, skipStrategy);
  }

  /** Adds a condition on the event alone; several conditions must all hold. */
  public Pattern<T> where(SimpleCondition<T> condition) {
    return where(Conditions.of(Objects.requireNonNull(condition, "condition")));
  }

  /** Adds a condition that sees the partial match; several conditions must all hold. */
  public Pattern<T> where(IterativeCondition<T> condition) {
    this.condition = Conditions.and(this.condition, Objects.requireNonNull(condition, "condition"));
    return this;
  }

  /** Accepts also events that meet {@code condition}: (earlier conditions) or this one. */
  public Pattern<T> or(SimpleCondition<T> condition) {
    this.condition = Conditions.or(
        this.condition, Conditions.of(Objects.requireNonNull(condition, "condition")));
    return this;
  }

  /** Ends a looping stage at the first event, after its first one, that meets {@code condition}. */
  public Pattern<T> until(SimpleCondition<T> condition) {
    requireLooping("until");
    this.untilCondition = Conditions.and(
        untilCondition, Conditions.of(Objects.requireNonNull(condition, "condition")));
    return this;
  }

  /** Exactly {@code times} events. */
  public Pattern<T> times(int times) {
    return times(times, times);
  }

  /** From {@code from} to {@code to} events, both inclusive. */
  public Pattern<T> times(int from, int to) {
    if (from < 1 || to < from) {
      throw new MalformedPatternException("times(" + from + ", " + to + ") of '" + name
          + "': needs 1 <= from <= to (use optional() for zero)");
    }
    return quantify(from, to);
  }

  /** One event or more. */
  public Pattern<T> oneOrMore() {
    return quantify(1, UNBOUNDED);
  }

  /** {@code times} events or more. */
  public Pattern<T> timesOrMore(int times) {
    if (times < 1) {
      throw new MalformedPatternException("timesOrMore(" + times + ") of '" + name
          + "': needs at least 1 (use optional() for zero)");
    }
    return quantify(times, UNBOUNDED);
  }

  private Pattern<T> quantify(int min, int max) {
    requirePositive("a quantifier");
    if (quantified) {
      throw new MalformedPatternException("stage '" + name + "' already has a quantifier");
    }
    quantified = true;
    minTimes = min;
    maxTimes = max;
    return this;
  }

  /** The stage may also take no event at all. */
  public Pattern<T> optional() {
    requirePositive("optional()");
    optional = true;
    return this;
  }

  /** A looping stage never hands over to the next stage an event its own condition accepts. */
  public Pattern<T> greedy() {
    requireLooping("greedy()");
    greedy = true;
    return this;
  }

  /** The events of a looping stage follow each other with no event in between. */
  public Pattern<T> consecutive() {
    requireLooping("consecutive()");
    innerContiguity = Contiguity.STRICT;
    return this;
  }

  /** The events of a looping stage are every combination of accepted events. */
  public Pattern<T> allowCombinations() {
    requireLooping("allowCombinations()");
    innerContiguity = Contiguity.NON_DETERMINISTIC_RELAXED;
    return this;
  }

  /**
   * A match must end less than {@code window} after its first event; partial matches that can no
   * longer make it time out (see {@link PatternProcessFunction#processTimedOutMatch}).
   */
  public Pattern<T> within(Duration window) {
    if (window == null || window.isNegative() || window.isZero()) {
      throw new MalformedPatternException("within(...) needs a positive duration, was " + window);
    }
    this.window = window;
    return this;
  }

  private void requirePositive(String what) {
    if (kind != Kind.POSITIVE) {
      throw new MalformedPatternException(
          what + " cannot apply to the negative stage '" + name + "'");
    }
  }

  private void requireLooping(String what) {
    if (maxTimes <= 1) {
      throw new MalformedPatternException(what + " applies to a looping stage (times, oneOrMore, "
          + "timesOrMore), and '" + name + "' is not one: set the quantifier first");
    }
  }

  public String getName() {
    return name;
  }

  /** The stage before this one, or null for the first. */
  public Pattern<T> getPrevious() {
    return previous;
  }

  public Kind getKind() {
    return kind;
  }

  /** How this stage's first event follows the previous stage's last one. */
  public Contiguity getContiguity() {
    return contiguity;
  }

  /** How a looping stage's events follow each other. */
  public Contiguity getInnerContiguity() {
    return innerContiguity;
  }

  /** The stage's condition, or null if it accepts every event. */
  public IterativeCondition<T> getCondition() {
    return condition;
  }

  public IterativeCondition<T> getUntilCondition() {
    return untilCondition;
  }

  /** The fewest events the stage takes: 0 if optional. */
  public int getMinTimes() {
    return optional ? 0 : minTimes;
  }

  /** The most events the stage takes, or {@link #UNBOUNDED}. */
  public int getMaxTimes() {
    return maxTimes;
  }

  public boolean isGreedy() {
    return greedy;
  }

  /** The match window, or null for none. */
  public Duration getWindow() {
    return window;
  }

  public AfterMatchSkipStrategy getSkipStrategy() {
    return skipStrategy;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(previous == null ? "begin" : previous + " " + switch (kind) {
      case NOT_NEXT -> "notNext";
      case NOT_FOLLOWED_BY -> "notFollowedBy";
      case POSITIVE -> switch (contiguity) {
        case STRICT -> "next";
        case RELAXED -> "followedBy";
        case NON_DETERMINISTIC_RELAXED -> "followedByAny";
      };
    });
    s.append('(').append(name).append(')');
    if (quantified) {
      s.append(".times(").append(minTimes).append(", ")
          .append(maxTimes == UNBOUNDED ? "inf" : String.valueOf(maxTimes)).append(')');
      s.append(innerContiguity == Contiguity.STRICT ? ".consecutive()"
          : innerContiguity == Contiguity.NON_DETERMINISTIC_RELAXED ? ".allowCombinations()" : "");
    }
    s.append(optional ? ".optional()" : "").append(greedy ? ".greedy()" : "")
        .append(untilCondition != null ? ".until(…)" : "");
    if (previous == null || window != previous.window) {
      s.append(window != null ? ".within(" + window + ")" : "");
    }
    return s.toString();
  }
}
