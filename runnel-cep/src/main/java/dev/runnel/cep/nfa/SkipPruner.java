package dev.runnel.cep.nfa;

import java.util.List;

/**
 * The after-match skip strategy at work during one event: after each emitted match, which
 * partial matches (by the sequence number of their first event) are dropped. Thresholds only
 * grow, so a partial match dropped by an earlier match of the event stays dropped.
 */
final class SkipPruner {
  private final CompiledPattern pattern;
  /** Drop partial matches starting with exactly this event (skip to next), or -1. */
  private long sameStart = -1;
  /** Drop partial matches starting before this event (the other strategies). */
  private long before = Long.MIN_VALUE;

  SkipPruner(CompiledPattern pattern) {
    this.pattern = pattern;
  }

  /** Takes note of an emitted match; returns whether anything may now be dropped. */
  boolean after(List<PartialMatch.Step> match) {
    switch (pattern.skipStrategy().kind()) {
      case NO_SKIP -> {
        return false;
      }
      case SKIP_TO_NEXT -> sameStart = match.get(0).seq();
      case SKIP_PAST_LAST_EVENT -> before = Math.max(before, match.get(match.size() - 1).seq() + 1);
      case SKIP_TO_FIRST, SKIP_TO_LAST -> {
        long found = -1;
        for (PartialMatch.Step s : match) {
          if (s.stage() == pattern.skipStage()) {
            found = s.seq();
            if (pattern.skipStrategy().kind() == dev.runnel.cep.AfterMatchSkipStrategy.Kind
                .SKIP_TO_FIRST) {
              break;
            }
          }
        }
        if (found < 0) {
          return false; // the match took no event for the stage: nothing to skip to
        }
        before = Math.max(before, found);
      }
    }
    return true;
  }

  boolean prunes(long startSeq) {
    return startSeq == sameStart || startSeq < before;
  }
}
