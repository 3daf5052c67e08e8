package dev.runnel.cep.nfa;

import dev.runnel.api.annotation.Internal;
import dev.runnel.cep.AfterMatchSkipStrategy;
import dev.runnel.cep.Contiguity;
import dev.runnel.cep.IterativeCondition;
import dev.runnel.cep.MalformedPatternException;
import dev.runnel.cep.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link Pattern} (a chain from its last stage back to its first) into the positive stages
 * the NFA runs, folding each negative stage into the stage after it as a guard. Pure: no state, no
 * runtime; every rule a pattern must obey is checked here, with the stage named.
 */
@Internal
public final class PatternCompiler {
  private PatternCompiler() {}

  @SuppressWarnings("unchecked")
  public static CompiledPattern compile(Pattern<?> last) {
    List<Pattern<Object>> chain = new ArrayList<>();
    for (Pattern<?> p = last; p != null; p = p.getPrevious()) {
      chain.add(0, (Pattern<Object>) p);
    }
    if (chain.get(0).getKind() != Pattern.Kind.POSITIVE) {
      throw new MalformedPatternException("a pattern cannot start with a negative stage");
    }
    if (last.getKind() != Pattern.Kind.POSITIVE) {
      throw new MalformedPatternException(
          "a pattern cannot end with the negative stage '" + last.getName() + "'");
    }
    List<Stage> stages = new ArrayList<>();
    Pattern<Object> guard = null;
    for (Pattern<Object> p : chain) {
      if (p.getKind() != Pattern.Kind.POSITIVE) {
        if (guard != null) {
          throw new MalformedPatternException("negative stages '" + guard.getName() + "' and '"
              + p.getName() + "' follow each other; merge their conditions");
        }
        Stage before = stages.get(stages.size() - 1);
        if (before.min() == 0) {
          throw new MalformedPatternException("the stage '" + before.name()
              + "' before the negative stage '" + p.getName() + "' cannot be optional");
        }
        guard = p;
        continue;
      }
      if (guard != null && p.getMinTimes() == 0) {
        throw new MalformedPatternException("the stage '" + p.getName()
            + "' after the negative stage '" + guard.getName() + "' cannot be optional");
      }
      IterativeCondition<Object> guardCondition = guard == null ? null : guard.getCondition();
      if (guard != null && guardCondition == null) {
        throw new MalformedPatternException(
            "the negative stage '" + guard.getName() + "' needs a condition (where)");
      }
      Contiguity contiguity = stages.isEmpty() ? Contiguity.NON_DETERMINISTIC_RELAXED
          : p.getContiguity();
      stages.add(new Stage(stages.size(), p.getName(), p.getCondition(), p.getUntilCondition(),
          p.getMinTimes(), p.getMaxTimes(), p.isGreedy(), contiguity, p.getInnerContiguity(),
          guard == null ? Pattern.Kind.POSITIVE : guard.getKind(), guardCondition));
      guard = null;
    }
    if (stages.stream().allMatch(s -> s.min() == 0)) {
      throw new MalformedPatternException("every stage is optional: a match would be empty");
    }
    AfterMatchSkipStrategy skip = last.getSkipStrategy();
    int skipStage = -1;
    if (skip.stage() != null) {
      for (Stage s : stages) {
        if (s.name().equals(skip.stage())) {
          skipStage = s.index();
        }
      }
      if (skipStage < 0) {
        throw new MalformedPatternException(
            skip + " names no positive stage of the pattern " + last);
      }
    }
    long window = last.getWindow() == null ? CompiledPattern.NO_WINDOW
        : last.getWindow().toMillis();
    return new CompiledPattern(stages, window, skip, skipStage);
  }
}
