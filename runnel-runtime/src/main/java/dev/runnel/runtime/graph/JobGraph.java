package dev.runnel.runtime.graph;

import java.util.List;

/**
 * The compiled, immutable form of a job: its steps, the edges between them and the chains they
 * are fused into, all in topological order.
 */
public record JobGraph(String jobName, int maxParallelism, List<StreamNode> nodes, List<Chain> chains) {
  public JobGraph {
    nodes = List.copyOf(nodes);
    chains = List.copyOf(chains);
  }

  /** A readable description, one chain per line, for logs and error reports. */
  public String describe() {
    StringBuilder b = new StringBuilder("job '").append(jobName).append("'\n");
    for (Chain c : chains) {
      b.append("  [p=").append(c.parallelism()).append("] ").append(c.name());
      for (StreamEdge e : c.inputs()) {
        b.append("\n      <- ").append(e);
      }
      b.append('\n');
    }
    return b.toString();
  }
}
