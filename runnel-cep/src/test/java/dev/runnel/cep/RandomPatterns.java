package dev.runnel.cep;

import dev.runnel.cep.nfa.PatternCompiler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random patterns over {@link Ev} for the brute-force comparison: one to three positive stages,
 * maybe a negative stage between two, every contiguity, quantifier and loop option, simple and
 * iterative conditions, maybe a window, and the given skip strategy. Malformed draws are drawn
 * again.
 */
final class RandomPatterns {
  private RandomPatterns() {}

  static final char[] KINDS = {'a', 'b', 'c'};

  static Pattern<Ev> draw(Random random, AfterMatchSkipStrategy.Kind skipKind) {
    while (true) {
      try {
        Pattern<Ev> p = tryDraw(random, skipKind);
        PatternCompiler.compile(p); // the rules across stages are checked when compiled
        return p;
      } catch (MalformedPatternException e) {
        // drawn something the rules forbid: draw again
      }
    }
  }

  private static Pattern<Ev> tryDraw(Random random, AfterMatchSkipStrategy.Kind skipKind) {
    int positives = 1 + random.nextInt(3);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < positives; i++) {
      names.add("s" + i);
    }
    String skipTo = names.get(random.nextInt(positives));
    AfterMatchSkipStrategy skip = switch (skipKind) {
      case NO_SKIP -> AfterMatchSkipStrategy.noSkip();
      case SKIP_TO_NEXT -> AfterMatchSkipStrategy.skipToNext();
      case SKIP_PAST_LAST_EVENT -> AfterMatchSkipStrategy.skipPastLastEvent();
      case SKIP_TO_FIRST -> AfterMatchSkipStrategy.skipToFirst(skipTo);
      case SKIP_TO_LAST -> AfterMatchSkipStrategy.skipToLast(skipTo);
    };
    Pattern<Ev> p = Pattern.begin("s0", skip);
    configure(p, random, "s0");
    for (int i = 1; i < positives; i++) {
      if (random.nextInt(4) == 0) {
        p = random.nextBoolean() ? p.notNext("n" + i) : p.notFollowedBy("n" + i);
        p.where(simple(random));
      }
      p = switch (random.nextInt(3)) {
        case 0 -> p.next("s" + i);
        case 1 -> p.followedBy("s" + i);
        default -> p.followedByAny("s" + i);
      };
      configure(p, random, "s" + i);
    }
    if (random.nextInt(3) == 0) {
      p.within(Duration.ofMillis(20 + 10 * random.nextInt(4)));
    }
    return p;
  }

  private static void configure(Pattern<Ev> p, Random random, String own) {
    if (random.nextInt(5) == 0) {
      p.where(iterative(random, own));
    } else {
      p.where(simple(random));
    }
    if (random.nextInt(6) == 0) {
      p.or(simple(random));
    }
    boolean loop = false;
    switch (random.nextInt(7)) {
      case 0 -> { p.times(2); loop = true; }
      case 1 -> { p.times(1, 3); loop = true; }
      case 2 -> { p.oneOrMore(); loop = true; }
      case 3 -> { p.timesOrMore(2); loop = true; }
      default -> { }
    }
    if (random.nextInt(4) == 0) {
      p.optional();
    }
    if (loop) {
      switch (random.nextInt(4)) {
        case 0 -> p.consecutive();
        case 1 -> p.allowCombinations();
        default -> { }
      }
      if (random.nextInt(4) == 0) {
        p.greedy();
      }
      if (random.nextInt(5) == 0) {
        p.until(simple(random));
      }
    }
  }

  static SimpleCondition<Ev> simple(Random random) {
    char kind = KINDS[random.nextInt(KINDS.length)];
    return switch (random.nextInt(4)) {
      case 0 -> e -> e.value() % 2 == 0;
      case 1 -> e -> e.kind() != kind;
      default -> e -> e.kind() == kind;
    };
  }

  /** Sees the partial match: at least the largest value taken so far by {@code stage}. */
  static IterativeCondition<Ev> iterative(Random random, String own) {
    String stage = random.nextBoolean() ? own : "s0";
    return (e, ctx) -> {
      for (Ev before : ctx.getEventsForPattern(stage)) {
        if (e.value() < before.value()) {
          return false;
        }
      }
      return true;
    };
  }

  /** {@code n} events of key {@code key}, random kinds and values, ids from {@code firstId}. */
  static List<Ev> events(Random random, String key, int n, int firstId) {
    List<Ev> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Ev(key, firstId + i, KINDS[random.nextInt(KINDS.length)], random.nextInt(6)));
    }
    return out;
  }
}
