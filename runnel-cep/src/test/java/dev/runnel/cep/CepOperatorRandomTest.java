package dev.runnel.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.test.OneInputOperatorHarness;
import dev.runnel.test.OperatorInput;
import dev.runnel.test.OperatorVerifier;
import dev.runnel.test.TimestampedValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CEP operator, in event time over two interleaved keys whose elements arrive out of order
 * (timestamps with ties), against the brute-force matcher on each key's elements sorted by
 * timestamp, for each skip strategy. Through the plain harness for many draws, and through the
 * {@link OperatorVerifier} (restore after every element, rescaling, split keys, moved watermarks,
 * heap and RocksDB) for a few.
 */
class CepOperatorRandomTest {
  private static final String[] KEYS = {"k1", "k2"};

  /** Elements in arrival order with their timestamps, and watermarks that make none late. */
  private record Input(List<Ev> events, List<Long> timestamps, List<OperatorInput> steps,
      List<Long> watermarksAfter) {}

  private static Input input(Random random) {
    return input(random, 4);
  }

  private static Input input(Random random, int minPerKey) {
    List<Ev> events = new ArrayList<>();
    List<Long> timestamps = new ArrayList<>();
    int id = 0;
    for (String key : KEYS) {
      for (Ev e : RandomPatterns.events(random, key, minPerKey + random.nextInt(4), id)) {
        events.add(e);
        timestamps.add(5L * random.nextInt(12));
        id++;
      }
    }
    // Arrival order: shuffled, so timestamps are out of order within each key.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, random);
    List<Ev> arrived = new ArrayList<>();
    List<Long> arrivedTs = new ArrayList<>();
    List<OperatorInput> steps = new ArrayList<>();
    List<Long> watermarksAfter = new ArrayList<>();
    for (int n = 0; n < order.size(); n++) {
      int i = order.get(n);
      arrived.add(events.get(i));
      arrivedTs.add(timestamps.get(i));
      steps.add(OperatorInput.element(events.get(i), timestamps.get(i)));
      long minRest = Long.MAX_VALUE;
      for (int m = n + 1; m < order.size(); m++) {
        minRest = Math.min(minRest, timestamps.get(order.get(m)));
      }
      long watermark = Long.MIN_VALUE;
      if (random.nextInt(3) == 0 && minRest != Long.MAX_VALUE) {
        watermark = minRest - 1;
        steps.add(OperatorInput.watermark(watermark));
      }
      watermarksAfter.add(watermark);
    }
    return new Input(arrived, arrivedTs, steps, watermarksAfter);
  }

  /** Per key: the brute-force matches over its elements sorted by timestamp, arrival on ties. */
  private static List<String> expected(Pattern<Ev> pattern, Input in) throws Exception {
    List<String> out = new ArrayList<>();
    for (String key : KEYS) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < in.events().size(); i++) {
        if (in.events().get(i).key().equals(key)) {
          idx.add(i);
        }
      }
      idx.sort(Comparator.comparingLong(in.timestamps()::get)); // stable: arrival on ties
      List<Ev> sorted = new ArrayList<>();
      long[] ts = new long[idx.size()];
      for (int n = 0; n < idx.size(); n++) {
        sorted.add(in.events().get(idx.get(n)));
        ts[n] = in.timestamps().get(idx.get(n));
      }
      out.addAll(new BruteForceMatcher(pattern).matches(sorted, ts));
    }
    return out;
  }

  /** The output regrouped by key, each key's matches in the order it emitted them. */
  private static List<String> byKey(List<String> output) {
    List<String> out = new ArrayList<>();
    for (String key : KEYS) {
      output.stream().filter(s -> s.startsWith(key + " ")).forEach(out::add);
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(AfterMatchSkipStrategy.Kind.class)
  void operator_matches_like_the_brute_force_matcher(AfterMatchSkipStrategy.Kind skip)
      throws Exception {
    Random random = new Random(99 + skip.ordinal());
    for (int c = 0; c < 200; c++) {
      Pattern<Ev> pattern = RandomPatterns.draw(random, skip);
      Input in = input(random);
      List<String> output;
      try (OneInputOperatorHarness<Ev, String> h = CepSteps.harness(pattern)) {
        h.open();
        for (int i = 0; i < in.events().size(); i++) {
          h.processElement(in.events().get(i), in.timestamps().get(i));
          if (in.watermarksAfter().get(i) != Long.MIN_VALUE) {
            h.processWatermark(in.watermarksAfter().get(i));
          }
        }
        h.processWatermark(Long.MAX_VALUE);
        h.endInput();
        output = h.output();
      }
      assertThat(byKey(output)).as("case %d: %s over %s at %s", c, pattern, in.events(),
          in.timestamps()).isEqualTo(expected(pattern, in));
    }
  }

  @ParameterizedTest
  @EnumSource(AfterMatchSkipStrategy.Kind.class)
  void operator_survives_restores_and_rescaling_on_both_backends(AfterMatchSkipStrategy.Kind skip)
      throws Exception {
    Random random = new Random(7 + skip.ordinal());
    // One draw per strategy: each verification makes about twenty runs with a checkpoint
    // after every step, seconds on RocksDB.
    for (int c = 0; c < 1; c++) {
      Pattern<Ev> pattern = RandomPatterns.draw(random, skip);
      Input in = input(random, 3);
      while (expected(pattern, in).isEmpty()) { // a draw that matches something
        pattern = RandomPatterns.draw(random, skip);
        in = input(random, 3);
      }
      Pattern<Ev> drawn = pattern;
      OperatorVerifier.Result<String> result =
          OperatorVerifier.of(() -> CepSteps.harness(drawn)).input(in.steps()).verify();
      List<String> output = result.output().stream().map(TimestampedValue::value).toList();
      assertThat(byKey(output)).as("case %d: %s", c, pattern).isEqualTo(expected(pattern, in));
      assertThat(result.runs()).anyMatch(r -> r.contains("RESTORE_AFTER_EVERY_STEP")
          && r.contains("rocksdb"));
    }
  }
}
