package dev.runnel.cep;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.util.Objects;

/**
 * Which partial matches are dropped after a match is emitted, so that one run of events does not
 * yield many overlapping matches. "Starts" below means the first event of a partial match; a
 * dropped partial match is neither emitted nor reported as timed out.
 *
 * <ul>
 *   <li>{@link #noSkip()}: nothing is dropped; every match is emitted (the default).
 *   <li>{@link #skipToNext()}: drops partial matches that start with the same event as the match.
 *   <li>{@link #skipPastLastEvent()}: drops partial matches that start at or before the match's
 *       last event, so matches never share an event.
 *   <li>{@link #skipToFirst(String)}: drops partial matches that start before the first event the
 *       match took for stage {@code name}.
 *   <li>{@link #skipToLast(String)}: drops partial matches that start before the last event the
 *       match took for stage {@code name}.
 * </ul>
 *
 * <p>Matches completed by one event are emitted in the order of their events (compared element by
 * element, by arrival), and each one drops before the next is considered. When the match took no
 * event for the named stage (an optional stage), {@code skipToFirst} and {@code skipToLast} drop
 * nothing.
 */
@Public
public final class AfterMatchSkipStrategy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The kinds of strategy. */
  public enum Kind {
    NO_SKIP, SKIP_TO_NEXT, SKIP_PAST_LAST_EVENT, SKIP_TO_FIRST, SKIP_TO_LAST
  }

  private final Kind kind;
  private final String stage;

  private AfterMatchSkipStrategy(Kind kind, String stage) {
    this.kind = kind;
    this.stage = stage;
  }

  public static AfterMatchSkipStrategy noSkip() {
    return new AfterMatchSkipStrategy(Kind.NO_SKIP, null);
  }

  public static AfterMatchSkipStrategy skipToNext() {
    return new AfterMatchSkipStrategy(Kind.SKIP_TO_NEXT, null);
  }

  public static AfterMatchSkipStrategy skipPastLastEvent() {
    return new AfterMatchSkipStrategy(Kind.SKIP_PAST_LAST_EVENT, null);
  }

  public static AfterMatchSkipStrategy skipToFirst(String stage) {
    return new AfterMatchSkipStrategy(Kind.SKIP_TO_FIRST, Objects.requireNonNull(stage, "stage"));
  }

  public static AfterMatchSkipStrategy skipToLast(String stage) {
    return new AfterMatchSkipStrategy(Kind.SKIP_TO_LAST, Objects.requireNonNull(stage, "stage"));
  }

  public Kind kind() {
    return kind;
  }

  /** The stage named by {@code skipToFirst}/{@code skipToLast}, else null. */
  public String stage() {
    return stage;
  }

  @Override
  public String toString() {
    return stage == null ? kind.toString() : kind + "(" + stage + ")";
  }
}
