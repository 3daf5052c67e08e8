package dev.runnel.examples.words;

import dev.runnel.api.functions.AggregateFunction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the words of a window incrementally: one counter per distinct word and the number of
 * events, so a window holds its distinct words, not every event.
 */
final class WordCounts
    implements AggregateFunction<WordEvent, WordCounts.Counts, WordCounts.Counts> {
  private static final long serialVersionUID = 1L;

  /** Most frequent first; equal counts in alphabetical (string) order. */
  static final Comparator<Map.Entry<String, Long>> MOST_FREQUENT_FIRST =
      Map.Entry.<String, Long>comparingByValue().reversed()
          .thenComparing(Map.Entry.comparingByKey());

  /** The counts of one window so far; changed in place by the aggregate. */
  static final class Counts implements Serializable {
    private static final long serialVersionUID = 1L;

    private final HashMap<String, Long> perWord = new HashMap<>();
    private long events;

    long events() {
      return events;
    }

    /** The {@code n} most frequent words with their counts, see {@link #MOST_FREQUENT_FIRST}. */
    List<WordCount> top(int n) {
      List<Map.Entry<String, Long>> entries = new ArrayList<>(perWord.entrySet());
      entries.sort(MOST_FREQUENT_FIRST);
      List<WordCount> top = new ArrayList<>(Math.min(n, entries.size()));
      for (Map.Entry<String, Long> e : entries.subList(0, Math.min(n, entries.size()))) {
        top.add(new WordCount(e.getKey(), e.getValue()));
      }
      return top;
    }
  }

  @Override
  public Counts createAccumulator() {
    return new Counts();
  }

  @Override
  public Counts add(WordEvent event, Counts counts) {
    counts.perWord.merge(event.word(), 1L, Long::sum);
    counts.events++;
    return counts;
  }

  @Override
  public Counts getResult(Counts counts) {
    return counts;
  }

  @Override
  public Counts merge(Counts a, Counts b) {
    b.perWord.forEach((word, count) -> a.perWord.merge(word, count, Long::sum));
    a.events += b.events;
    return a;
  }
}
