package dev.runnel.cep.nfa;

/**
 * A partial match waiting for its next event: one computation state of the NFA. Several branches
 * may share a node (one per stage the next event could go to), but never an assignment of events
 * to stages, so each match is found along exactly one path.
 *
 * @param node the partial match's last step in the shared buffer
 * @param stage the stage of that step
 * @param count how many events {@code stage} has taken, that step included
 * @param target the stage the next event must go to: {@code stage} itself (another loop event) or
 *     a later one, past optional stages
 * @param fresh no event has arrived since the last step (for {@code notNext})
 * @param startSeq the sequence number of the partial match's first event (for skip strategies)
 * @param startTimestamp the timestamp of its first event (for the window)
 */
record Branch(long node, int stage, int count, int target, boolean fresh, long startSeq,
    long startTimestamp) {
  Branch notFresh() {
    return fresh ? new Branch(node, stage, count, target, false, startSeq, startTimestamp) : this;
  }

  boolean entersTarget() {
    return target != stage;
  }
}
