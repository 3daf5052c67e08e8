package dev.runnel.cep.nfa;

/**
 * An event kept in the shared buffer, stored once however many partial matches took it.
 *
 * @param refs how many {@link MatchNode}s point at it; at 0 it is removed
 */
record BufferedEvent(Object event, long timestamp, int refs) {
  BufferedEvent withRefs(int newRefs) {
    return new BufferedEvent(event, timestamp, newRefs);
  }
}
