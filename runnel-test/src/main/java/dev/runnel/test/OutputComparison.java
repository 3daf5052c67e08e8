package dev.runnel.test;

import dev.runnel.test.RecordingOutput.Emitted;
import dev.runnel.test.VerifierRun.StepOutput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what a variant of {@link OperatorVerifier} emitted with the reference run, and says
 * where they first differ. Records are compared by {@code equals} with their timestamps and the
 * output they went to.
 *
 * <p>Records of one step are compared as a multiset: timers of different keys due at the same time
 * fire in an order that depends on how they were registered, which a restore or a split over
 * subtasks changes. Variants that move watermarks compare the whole output as a multiset, since
 * they move results to other steps.
 */
final class OutputComparison {
  private OutputComparison() {}

  /**
   * Null if every step emitted the same records and watermarks in both runs; otherwise the first
   * step that differs, what each run emitted there and the first differing record.
   */
  static String stepByStep(List<OperatorInput> steps, List<StepOutput> expected,
      List<StepOutput> actual) {
    for (int i = 0; i < expected.size(); i++) {
      StepOutput e = expected.get(i);
      StepOutput a = i < actual.size() ? actual.get(i) : new StepOutput(List.of(), List.of());
      String at = "at step " + i + " of " + expected.size() + " (" + describe(steps, i) + "):\n";
      String difference = firstDifference(e.records(), a.records());
      if (difference != null) {
        return at + "  expected " + e.records() + "\n  but was  " + a.records()
            + "\n  first difference: " + difference;
      }
      if (!e.watermarks().equals(a.watermarks())) {
        return at + "  expected the watermark to advance to " + e.watermarks()
            + "\n  but it advanced to " + a.watermarks();
      }
    }
    return null;
  }

  /**
   * Null if both runs emitted the same records over all their steps, in any order; otherwise the
   * first record missing or extra, with the step of its run that emitted it.
   */
  static String wholeOutput(List<OperatorInput> expectedSteps, List<StepOutput> expected,
      List<OperatorInput> actualSteps, List<StepOutput> actual) {
    Map<Emitted, Integer> counts = new HashMap<>();
    for (StepOutput s : actual) {
      s.records().forEach(r -> counts.merge(r, 1, Integer::sum));
    }
    for (int i = 0; i < expected.size(); i++) {
      for (Emitted r : expected.get(i).records()) {
        if (counts.merge(r, -1, Integer::sum) < 0) {
          return "over the whole output: " + r + ", emitted by the reference run at step " + i
              + " (" + describe(expectedSteps, i) + "), is missing";
        }
      }
    }
    for (int i = 0; i < actual.size(); i++) {
      for (Emitted r : actual.get(i).records()) {
        Integer left = counts.get(r);
        if (left != null && left > 0) {
          return "over the whole output: " + r + ", emitted at step " + i + " ("
              + describe(actualSteps, i) + "), is not in the reference output";
        }
      }
    }
    return null;
  }

  /** The first record of one list that the other lacks (counting repeats), or null. */
  private static String firstDifference(List<Emitted> expected, List<Emitted> actual) {
    Map<Emitted, Integer> counts = new HashMap<>();
    actual.forEach(r -> counts.merge(r, 1, Integer::sum));
    for (Emitted r : expected) {
      if (counts.merge(r, -1, Integer::sum) < 0) {
        return r + " is missing";
      }
    }
    List<Emitted> extra = new ArrayList<>();
    for (Emitted r : actual) {
      Integer left = counts.get(r);
      if (left != null && left > 0) {
        extra.add(r);
        counts.merge(r, -1, Integer::sum);
      }
    }
    return extra.isEmpty() ? null : extra.get(0) + " is extra";
  }

  private static String describe(List<OperatorInput> steps, int i) {
    return i < steps.size() ? steps.get(i).toString() : "end of input";
  }
}
