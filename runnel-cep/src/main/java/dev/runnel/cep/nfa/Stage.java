package dev.runnel.cep.nfa;

import dev.runnel.api.annotation.Internal;
import dev.runnel.cep.Contiguity;
import dev.runnel.cep.IterativeCondition;
import dev.runnel.cep.Pattern;
import java.io.Serializable;

/**
 * One positive stage of a compiled pattern, with the negative stage in front of it folded in as
 * its guard. Conditions are null when they accept everything (or, for guard and until, when there
 * is none).
 *
 * @param index position among the positive stages
 * @param min fewest events (0 if optional)
 * @param max most events, {@link Pattern#UNBOUNDED} for no limit
 * @param contiguity how the stage's first event follows the previous stage's last
 * @param inner how the stage's own events follow each other (loops)
 * @param guard {@link Pattern.Kind#POSITIVE} when no negative stage precedes this one
 */
@Internal
public record Stage(int index, String name, IterativeCondition<Object> condition,
    IterativeCondition<Object> until, int min, int max, boolean greedy, Contiguity contiguity,
    Contiguity inner, Pattern.Kind guard, IterativeCondition<Object> guardCondition)
    implements Serializable {

  /** Whether the stage takes {@code event}; a stage without condition takes every event. */
  boolean accepts(Object event, PartialMatch ctx) throws Exception {
    return condition == null || condition.filter(event, ctx);
  }

  boolean untilMet(Object event, PartialMatch ctx) throws Exception {
    return until != null && until.filter(event, ctx);
  }

  boolean guardMet(Object event, PartialMatch ctx) throws Exception {
    return guardCondition == null || guardCondition.filter(event, ctx);
  }
}
