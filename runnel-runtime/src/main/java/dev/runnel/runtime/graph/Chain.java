package dev.runnel.runtime.graph;

import java.util.List;

/**
 * Steps fused to run as one unit: the head and every step reached from it over chained edges,
 * in topological order. Each of its {@code parallelism} subtasks is one tasklet.
 */
public record Chain(StreamNode head, List<StreamNode> nodes) {
  public Chain {
    nodes = List.copyOf(nodes);
  }

  public int parallelism() {
    return head.parallelism();
  }

  /** The edges that reach the head through queues. */
  public List<StreamEdge> inputs() {
    return head.inputs();
  }

  public boolean isBlocking() {
    return nodes.stream().anyMatch(StreamNode::isBlocking);
  }

  public String name() {
    StringBuilder b = new StringBuilder();
    for (StreamNode n : nodes) {
      if (b.length() > 0) {
        b.append(" -> ");
      }
      b.append(n.name());
    }
    return b.toString();
  }
}
