package dev.runnel.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.connector.InputStatus;
import dev.runnel.runtime.exchange.Channel;
import dev.runnel.runtime.exchange.CheckpointBarrier;
import dev.runnel.runtime.exchange.ControlElement;
import dev.runnel.runtime.exchange.EndOfPartition;
import dev.runnel.runtime.exchange.InputGate;
import dev.runnel.runtime.exchange.Watermark;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The barrier aligner with channels ordered by event time: records after a watermark wait until
 * every other channel has reached it, and barriers placed in event time align within that order.
 */
class BarrierAlignerEventTimeTest {
  private final List<String> seen = new ArrayList<>();
  private final List<String> aligned = new ArrayList<>();

  private final BarrierAligner.ElementHandler handler = new BarrierAligner.ElementHandler() {
    @Override
    public void record(int channel, Object record, long timestamp) {
      seen.add(channel + ":" + record);
    }

    @Override
    public void control(int channel, ControlElement control) {
      if (control instanceof Watermark w) {
        seen.add(channel + ":wm" + w.timestamp());
      }
    }
  };

  private static void send(Channel channel, Object... elements) {
    for (Object e : elements) {
      channel.add(e, 0);
    }
    channel.flush();
  }

  private void drain(BarrierAligner aligner) {
    for (int i = 0; i < 100; i++) {
      if (aligner.step(handler) == InputStatus.NOTHING_AVAILABLE) {
        return;
      }
    }
  }

  @Test
  void when_aChannelRunsAheadInEventTime_then_itsLaterRecordsWaitForTheOthers() {
    Channel a = new Channel();
    Channel b = new Channel();
    InputGate gate = new InputGate(List.of(a, b));
    BarrierAligner aligner = new BarrierAligner(gate, id -> aligned.add("chk" + id), true);

    send(a, "a1", new Watermark(10), "a2", new Watermark(20), "a3");
    drain(aligner);
    assertThat(seen).containsExactly("0:a1", "0:wm10");

    send(b, "b1", new Watermark(15), "b2");
    drain(aligner);
    // b at 15 releases a's records after 10; a's records after 20 wait for b to reach 20
    assertThat(seen).containsExactly("0:a1", "0:wm10", "1:b1", "1:wm15", "0:a2", "0:wm20", "1:b2");

    send(b, new Watermark(25), "b3");
    drain(aligner);
    assertThat(seen).endsWith("1:wm25", "0:a3");
    assertThat(seen).doesNotContain("1:b3");
  }

  @Test
  void when_barriersFollowTheCheckpointsEventTime_then_theyAlignWithinTheOrder() {
    Channel a = new Channel();
    Channel b = new Channel();
    InputGate gate = new InputGate(List.of(a, b));
    BarrierAligner aligner = new BarrierAligner(gate, id -> aligned.add("chk" + id), true);

    // Checkpoint 1 at event time 12: each channel's barrier follows its first watermark >= 12.
    send(a, new Watermark(10), new Watermark(14), new CheckpointBarrier(1), new Watermark(20),
        "a-after");
    send(b, new Watermark(5), "b1", new Watermark(12));
    drain(aligner);
    assertThat(aligned).isEmpty();
    assertThat(seen).doesNotContain("0:a-after");

    send(b, new CheckpointBarrier(1), "b-after", new Watermark(30));
    drain(aligner);
    assertThat(aligned).containsExactly("chk1");
    assertThat(seen).contains("0:a-after", "1:b-after");
    assertThat(seen.indexOf("0:a-after")).isGreaterThan(seen.indexOf("1:wm12"));
  }

  @Test
  void when_theChannelBehindEnds_then_theOneAheadGoesOn() {
    Channel a = new Channel();
    Channel b = new Channel();
    InputGate gate = new InputGate(List.of(a, b));
    BarrierAligner aligner = new BarrierAligner(gate, id -> aligned.add("chk" + id), true);
    GateInputEnds ends = new GateInputEnds(gate, aligner);

    send(a, new Watermark(100), "a1");
    send(b, "b1", EndOfPartition.INSTANCE);
    for (int i = 0; i < 10; i++) {
      aligner.step(ends);
    }
    assertThat(seen).containsExactly("0:wm100", "1:b1", "0:a1");
  }

  /** Marks ended channels as the gate inputs do. */
  private final class GateInputEnds implements BarrierAligner.ElementHandler {
    private final InputGate gate;
    private final BarrierAligner aligner;

    GateInputEnds(InputGate gate, BarrierAligner aligner) {
      this.gate = gate;
      this.aligner = aligner;
    }

    @Override
    public void record(int channel, Object record, long timestamp) {
      handler.record(channel, record, timestamp);
    }

    @Override
    public void control(int channel, ControlElement control) {
      if (control instanceof EndOfPartition) {
        gate.markEnded(channel);
        aligner.onEnd(channel);
      } else {
        handler.control(channel, control);
      }
    }
  }
}
