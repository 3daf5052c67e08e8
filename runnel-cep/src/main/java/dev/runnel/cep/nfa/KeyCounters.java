package dev.runnel.cep.nfa;

/**
 * Per key: the sequence number the next event gets (its position in the key's stream, which
 * orders events for skip strategies and match order) and the id the next buffer node gets. Reset
 * when the key holds no partial match, since numbers are only ever compared within live ones.
 */
record KeyCounters(long nextSeq, long nextNode) {
  static final KeyCounters INITIAL = new KeyCounters(0, 0);
}
