package dev.runnel.cep.nfa;

import dev.runnel.api.state.MapState;

/**
 * The events and steps of every partial match of the current key, in keyed state, shared between
 * partial matches with reference counts: an event is stored once however many partial matches
 * took it, and a prefix of steps once however many partial matches extend it. When the last
 * reference to a node goes, the node goes, and with it its reference to its event and to the node
 * before it; so the buffer holds exactly what live partial matches can still read, and is empty
 * when the key has none.
 *
 * <p>Works on whatever key the state is scoped to; not thread-safe (the subtask's thread).
 */
final class SharedBuffer {
  private final MapState<Long, BufferedEvent> events;
  private final MapState<Long, MatchNode> nodes;
  /** The id the next node gets; loaded and saved per key by the NFA. */
  long nextNode;

  SharedBuffer(MapState<Long, BufferedEvent> events, MapState<Long, MatchNode> nodes) {
    this.events = events;
    this.nodes = nodes;
  }

  /**
   * Adds a step: {@code event} (sequence number {@code seq}) taken by {@code stage} after node
   * {@code previous}, with {@code refs} references (the branches and match that will hold it).
   */
  long add(long seq, Object event, long timestamp, int stage, long previous, int refs)
      throws Exception {
    BufferedEvent stored = events.get(seq);
    events.put(seq, stored == null
        ? new BufferedEvent(event, timestamp, 1) : stored.withRefs(stored.refs() + 1));
    if (previous != MatchNode.NONE) {
      retain(previous);
    }
    long id = nextNode++;
    nodes.put(id, new MatchNode(seq, stage, previous, refs));
    return id;
  }

  void retain(long node) throws Exception {
    MatchNode n = node(node);
    nodes.put(node, n.withRefs(n.refs() + 1));
  }

  /** Gives up one reference to {@code node}, removing what is no longer referenced. */
  void release(long node) throws Exception {
    // A loop, not recursion: a long loop stage makes a long chain of nodes.
    while (node != MatchNode.NONE) {
      MatchNode n = node(node);
      if (n.refs() > 1) {
        nodes.put(node, n.withRefs(n.refs() - 1));
        return;
      }
      nodes.remove(node);
      BufferedEvent e = event(n.event());
      if (e.refs() > 1) {
        events.put(n.event(), e.withRefs(e.refs() - 1));
      } else {
        events.remove(n.event());
      }
      node = n.previous();
    }
  }

  MatchNode node(long id) throws Exception {
    MatchNode n = nodes.get(id);
    if (n == null) {
      throw new IllegalStateException("shared buffer has no node " + id + " for this key");
    }
    return n;
  }

  BufferedEvent event(long seq) throws Exception {
    BufferedEvent e = events.get(seq);
    if (e == null) {
      throw new IllegalStateException("shared buffer has no event " + seq + " for this key");
    }
    return e;
  }

  /** Whether the current key holds no node and no event (what the tests of boundedness check). */
  boolean isEmpty() throws Exception {
    return nodes.isEmpty() && events.isEmpty();
  }
}
