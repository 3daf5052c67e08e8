package dev.runnel.test;

import dev.runnel.test.OperatorInput.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The two other placements of watermarks that {@link OperatorVerifier} tries: as early as they may
 * come, and not at all until the end. Pure logic over an input; no operator runs here.
 *
 * <p>A watermark may move earlier, without changing what an operator that is indifferent to
 * watermark placement emits, as long as it makes no later element late and does not pass a
 * watermark the input reaches anyway. So after every element it adds, for each input, the highest
 * watermark below every later element's timestamp and at most that input's next watermark.
 * Dropping the watermarks is harmless only if no element was behind one, and if the input ends
 * (with the final watermark), since otherwise nothing would ever fire.
 */
final class WatermarkPlacement {
  private WatermarkPlacement() {}

  /**
   * {@code steps} with a watermark added after every element, for each of the operator's {@code
   * inputs}, wherever an earlier one is allowed; {@code steps} itself if none is.
   */
  static List<OperatorInput> withExtraWatermarks(List<OperatorInput> steps, int inputs) {
    long[] minLaterTimestamp = minLaterTimestamps(steps);
    long[] current = new long[inputs + 1];
    Arrays.fill(current, Long.MIN_VALUE);
    List<OperatorInput> out = new ArrayList<>();
    boolean added = false;
    for (int i = 0; i < steps.size(); i++) {
      OperatorInput step = steps.get(i);
      out.add(step);
      if (step.kind == Kind.WATERMARK) {
        for (int input = 1; input <= inputs; input++) {
          if (appliesTo(step, input)) {
            current[input] = Math.max(current[input], step.time);
          }
        }
        continue;
      }
      if (step.kind != Kind.ELEMENT) {
        continue;
      }
      for (int input = 1; input <= inputs; input++) {
        Long next = nextWatermark(steps, i + 1, input);
        if (next == null) {
          continue; // the input reaches no later watermark: one added now would be new time
        }
        long earliest = minLaterTimestamp[i + 1] == Long.MAX_VALUE ? next
            : Math.min(next, minLaterTimestamp[i + 1] - 1);
        if (earliest > current[input]) {
          current[input] = earliest;
          out.add(inputs == 1 ? OperatorInput.watermark(earliest)
              : input == 1 ? OperatorInput.watermark1(earliest)
              : OperatorInput.watermark2(earliest));
          added = true;
        }
      }
    }
    return added ? out : steps;
  }

  /**
   * {@code steps} without watermarks, then the final one; null if that would change which
   * elements are late (an element at or behind the watermark before it), if the input does not
   * end, or if {@code steps} has no watermark to drop.
   */
  static List<OperatorInput> withoutWatermarks(List<OperatorInput> steps, int inputs,
      boolean inputEnds) {
    if (!inputEnds || firstLateElement(steps, inputs) >= 0) {
      return null;
    }
    List<OperatorInput> out = new ArrayList<>();
    boolean dropped = false;
    for (OperatorInput step : steps) {
      if (step.kind == Kind.WATERMARK) {
        dropped = true;
      } else {
        out.add(step);
      }
    }
    return dropped ? out : null;
  }

  /**
   * The index of the first element whose timestamp is at or behind the watermark the operator
   * has then (the minimum over its inputs), or -1.
   */
  static int firstLateElement(List<OperatorInput> steps, int inputs) {
    long[] current = new long[inputs + 1];
    Arrays.fill(current, Long.MIN_VALUE);
    for (int i = 0; i < steps.size(); i++) {
      OperatorInput step = steps.get(i);
      if (step.kind == Kind.WATERMARK) {
        for (int input = 1; input <= inputs; input++) {
          if (appliesTo(step, input)) {
            current[input] = Math.max(current[input], step.time);
          }
        }
      } else if (step.hasTimestamp()) {
        long combined = Long.MAX_VALUE;
        for (int input = 1; input <= inputs; input++) {
          combined = Math.min(combined, current[input]);
        }
        if (step.time <= combined) {
          return i;
        }
      }
    }
    return -1;
  }

  private static boolean appliesTo(OperatorInput watermark, int input) {
    return watermark.input == 0 || watermark.input == input;
  }

  /** The value of the first watermark of {@code input} from index {@code from} on, or null. */
  private static Long nextWatermark(List<OperatorInput> steps, int from, int input) {
    for (int i = from; i < steps.size(); i++) {
      OperatorInput s = steps.get(i);
      if (s.kind == Kind.WATERMARK && appliesTo(s, input)) {
        return s.time;
      }
    }
    return null;
  }

  /** For each index, the lowest element timestamp from there on ({@code Long.MAX_VALUE}: none). */
  private static long[] minLaterTimestamps(List<OperatorInput> steps) {
    long[] min = new long[steps.size() + 1];
    min[steps.size()] = Long.MAX_VALUE;
    for (int i = steps.size() - 1; i >= 0; i--) {
      OperatorInput s = steps.get(i);
      min[i] = s.hasTimestamp() ? Math.min(min[i + 1], s.time) : min[i + 1];
    }
    return min;
  }
}
