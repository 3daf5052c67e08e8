package dev.runnel.test;

import dev.runnel.api.JobResult;
import dev.runnel.api.OutputTag;
import dev.runnel.api.annotation.Public;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link JobTester#run} produced: the records of the main output and of each captured
 * side output, and the job's {@link JobResult}. Immutable.
 *
 * <pre>{@code
 * TestRun<Alert> run = tester.captureSideOutput(late).run(orders);
 * List<Alert> alerts = run.output();
 * List<Order> lateOrders = run.sideOutput(late);
 * long parsed = run.result().counter("parse.recordsOut");
 * }</pre>
 *
 * <p>Lists are in arrival order: deterministic at parallelism 1; at a higher parallelism the
 * records of different subtasks interleave (see {@link JobTester}). They may contain null if an
 * operator emitted null.
 *
 * @param <O> the type of the main output
 */
@Public
public final class TestRun<O> {
  private final List<O> output;
  private final Map<OutputTag<?>, List<?>> sideOutputs;
  private final JobResult result;

  TestRun(List<O> output, Map<OutputTag<?>, List<?>> sideOutputs, JobResult result) {
    // Not List.copyOf: it rejects nulls, and an operator may emit them.
    this.output = Collections.unmodifiableList(output);
    this.sideOutputs = Collections.unmodifiableMap(sideOutputs);
    this.result = result;
  }

  /** The records of the stream the pipeline returned, in arrival order. */
  public List<O> output() {
    return output;
  }

  /**
   * The records of side output {@code tag}, in arrival order.
   *
   * @throws IllegalArgumentException if the tester was not told to {@linkplain
   *     JobTester#captureSideOutput capture} it: an empty list would hide that mistake
   */
  @SuppressWarnings("unchecked")
  public <X> List<X> sideOutput(OutputTag<X> tag) {
    Objects.requireNonNull(tag, "tag");
    List<?> records = sideOutputs.get(tag);
    if (records == null) {
      throw new IllegalArgumentException("side output " + tag.id() + " was not captured; captured: "
          + sideOutputs.keySet() + ". Call captureSideOutput(tag) on the tester before run(...)");
    }
    return Collections.unmodifiableList((List<X>) records);
  }

  /**
   * The job's result: its status, duration and counters. Counters are named {@code
   * "<operator name>.recordsIn"} and {@code ".recordsOut"}; the tester's own steps are named
   * {@link JobTester#INPUT_NAME}, {@link JobTester#OUTPUT_NAME} and {@link
   * JobTester#SIDE_OUTPUT_NAME_PREFIX} followed by the tag's id.
   */
  public JobResult result() {
    return result;
  }

  @Override
  public String toString() {
    return "TestRun{output=" + output.size() + " records, sideOutputs=" + sideOutputs.keySet()
        + ", " + result + "}";
  }
}
