package dev.runnel.runtime.graph;

import dev.runnel.api.InvalidJobException;
import dev.runnel.api.OutputTag;
import dev.runnel.api.internal.JobPlan;
import dev.runnel.api.internal.OneInputTransformation;
import dev.runnel.api.internal.PartitionTransformation;
import dev.runnel.api.internal.Partitioning;
import dev.runnel.api.internal.SideOutputTransformation;
import dev.runnel.api.internal.Transformation;
import dev.runnel.api.internal.TwoInputTransformation;
import dev.runnel.api.internal.UnionTransformation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the logical graph of a {@link JobPlan} into a {@link JobGraph}:
 *
 * <ol>
 *   <li>resolves every step's parallelism (its own, else the job default capped at what its source
 *       or sink supports);
 *   <li>folds virtual nodes into edges: a partition node sets the edge's partitioning (the one
 *       nearest the consumer wins), a union gives its consumer several edges, a side-output node
 *       selects a side output of its producer;
 *   <li>fuses chains: an edge is chained when records can go from producer subtask {@code i} to
 *       consumer subtask {@code i} by a direct call (forward, or both sides at parallelism 1) and
 *       the consumer has no other input. Two-input steps are never chained to their inputs, and
 *       each of their edges says which input ({@link StreamEdge#targetInput()}) it feeds.
 * </ol>
 *
 * Pure logic: it runs no user code and starts no threads.
 */
public final class JobGraphCompiler {
  private final JobPlan plan;
  private final Map<Transformation<?>, StreamNode> nodes = new LinkedHashMap<>();

  private JobGraphCompiler(JobPlan plan) {
    this.plan = plan;
  }

  public static JobGraph compile(JobPlan plan) {
    return new JobGraphCompiler(plan).compile();
  }

  private JobGraph compile() {
    List<Transformation<?>> physical = reachableSteps();
    physical.sort(Comparator.comparingInt(Transformation::id)); // ids follow program order
    for (Transformation<?> t : physical) {
      nodes.put(t, new StreamNode(t, parallelismOf(t)));
    }
    for (Transformation<?> t : physical) {
      List<Transformation<?>> inputs = t.inputs();
      boolean twoInput = t instanceof TwoInputTransformation<?, ?, ?>;
      for (int i = 0; i < inputs.size(); i++) {
        // A two-input node's inputs are numbered 1 and 2; everything else has only input 1.
        connect(inputs.get(i), nodes.get(t), null, null, twoInput ? i + 1 : 1);
      }
    }
    List<StreamNode> ordered = new ArrayList<>(nodes.values());
    ordered.forEach(this::validate);
    ordered.forEach(n -> n.inputs().forEach(this::chainIfPossible));
    return new JobGraph(plan.jobName(), plan.maxParallelism(), ordered, chains(ordered));
  }

  private List<Transformation<?>> reachableSteps() {
    List<Transformation<?>> physical = new ArrayList<>();
    Deque<Transformation<?>> todo = new ArrayDeque<>(plan.sinks());
    Set<Transformation<?>> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      Transformation<?> t = todo.pop();
      if (!seen.add(t)) {
        continue;
      }
      if (!t.isVirtual()) {
        physical.add(t);
      }
      todo.addAll(t.inputs());
    }
    return physical;
  }

  private int parallelismOf(Transformation<?> t) {
    int p = t.parallelism();
    if (p == Transformation.DEFAULT_PARALLELISM) {
      p = Math.min(plan.defaultParallelism(), t.maxParallelismLimit());
      if ((t instanceof OneInputTransformation<?, ?> o && o.spec().isKeyed())
          || (t instanceof TwoInputTransformation<?, ?, ?> two && two.spec().isKeyed())) {
        p = Math.min(p, plan.maxParallelism());
      }
    }
    return p;
  }

  /** Adds the edges from the steps behind {@code input} (looking through virtual nodes) to {@code target}. */
  private void connect(Transformation<?> input, StreamNode target, Partitioning partitioning,
      OutputTag<?> sideOutput, int targetInput) {
    if (input instanceof PartitionTransformation<?> p) {
      connect(p.input(), target, partitioning != null ? partitioning : p.partitioning(), sideOutput,
          targetInput);
    } else if (input instanceof UnionTransformation<?> u) {
      for (Transformation<?> i : u.inputs()) {
        connect(i, target, partitioning, sideOutput, targetInput);
      }
    } else if (input instanceof SideOutputTransformation<?> s) {
      if (s.input().isVirtual()) {
        throw new InvalidJobException("side output '" + s.tag().id() + "' must be taken directly from "
            + "the step that emits it, not from " + s.input().name());
      }
      connect(s.input(), target, partitioning, s.tag(), targetInput);
    } else {
      StreamNode source = nodes.get(input);
      Partitioning.Kind kind;
      if (partitioning != null) {
        kind = partitioning.kind();
      } else {
        kind = source.parallelism() == target.parallelism()
            ? Partitioning.Kind.FORWARD : Partitioning.Kind.REBALANCE;
      }
      StreamEdge edge = new StreamEdge(source, target, kind,
          partitioning == null ? null : partitioning.keySelector(), sideOutput, targetInput);
      source.outputs().add(edge);
      target.inputs().add(edge);
    }
  }

  private void validate(StreamNode node) {
    for (StreamEdge e : node.inputs()) {
      if (e.partitioning() == Partitioning.Kind.FORWARD
          && e.source().parallelism() != node.parallelism()) {
        throw new InvalidJobException("forward connection from '" + e.source().name() + "' (parallelism "
            + e.source().parallelism() + ") to '" + node.name() + "' (parallelism "
            + node.parallelism() + ") needs equal parallelism; use rebalance() instead");
      }
      if (node.isKeyed() && e.partitioning() != Partitioning.Kind.KEY_GROUPS) {
        throw new InvalidJobException(
            "keyed step '" + node.name() + "' must be fed by keyBy(...)"
                + (node.isTwoInput() ? " on both inputs; input " + e.targetInput() + " is " : ", not ")
                + e.partitioning());
      }
    }
    if (node.isKeyed() && node.parallelism() > plan.maxParallelism()) {
      throw new InvalidJobException("keyed step '" + node.name() + "' has parallelism "
          + node.parallelism() + ", more than the max parallelism " + plan.maxParallelism()
          + " (its number of key groups)");
    }
  }

  private void chainIfPossible(StreamEdge edge) {
    StreamNode source = edge.source();
    StreamNode target = edge.target();
    boolean oneToOne = edge.partitioning() == Partitioning.Kind.FORWARD
        || (source.parallelism() == 1 && target.parallelism() == 1);
    // A two-input step is never chained: its inputs arrive through queues, told apart by input.
    if (oneToOne && source.parallelism() == target.parallelism() && target.inputs().size() == 1
        && !target.isTwoInput()) {
      edge.markChained();
    }
  }

  private static List<Chain> chains(List<StreamNode> ordered) {
    List<Chain> chains = new ArrayList<>();
    for (StreamNode n : ordered) {
      boolean isHead = n.inputs().isEmpty() || !n.inputs().get(0).isChained();
      if (isHead) {
        List<StreamNode> members = new ArrayList<>();
        collectChain(n, members);
        members.sort(Comparator.comparingInt(StreamNode::id));
        chains.add(new Chain(n, members));
      }
    }
    return chains;
  }

  private static void collectChain(StreamNode n, List<StreamNode> members) {
    members.add(n);
    for (StreamEdge e : n.outputs()) {
      if (e.isChained()) {
        collectChain(e.target(), members);
      }
    }
  }

}
