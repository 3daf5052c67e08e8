package dev.runnel.runtime.exchange;

/** Spreads records over the channels in turn; used for rebalance. */
public final class RoundRobinPartitioner implements Partitioner {
  private final int channels;
  private int next;

  /** @param start where the rotation starts, so that producers do not all begin on channel 0 */
  public RoundRobinPartitioner(int channels, int start) {
    this.channels = channels;
    this.next = Math.floorMod(start, channels);
  }

  @Override
  public int select(Object record) {
    int c = next;
    next = c + 1 == channels ? 0 : c + 1;
    return c;
  }
}
