package dev.runnel.cep.nfa;

/**
 * One step of a partial match in the shared buffer: event {@code event} taken by stage {@code
 * stage}, after the steps of node {@code previous} (-1 for the first step). Partial matches that
 * share their first steps share these nodes, so the buffer is a forest of prefixes.
 *
 * @param refs how many nodes (its extensions) and branches point at it; at 0 it is removed, and
 *     its event and previous node lose a reference
 */
record MatchNode(long event, int stage, long previous, int refs) {
  static final long NONE = -1;

  MatchNode withRefs(int newRefs) {
    return new MatchNode(event, stage, previous, newRefs);
  }
}
