package dev.runnel.runtime.exchange;

/** The producer of this channel has emitted its last element; nothing follows on the channel. */
public final class EndOfPartition extends ControlElement {
  public static final EndOfPartition INSTANCE = new EndOfPartition();

  private EndOfPartition() {}

  @Override
  public String toString() {
    return "EndOfPartition";
  }
}
