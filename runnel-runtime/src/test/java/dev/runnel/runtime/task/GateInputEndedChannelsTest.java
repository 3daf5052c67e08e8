package dev.runnel.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.OutputTag;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.runtime.exchange.Channel;
import dev.runnel.runtime.exchange.CheckpointBarrier;
import dev.runnel.runtime.exchange.EndOfPartition;
import dev.runnel.runtime.exchange.InputGate;
import dev.runnel.runtime.exchange.Watermark;
import dev.runnel.runtime.operators.Output;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A gate input whose upstream subtasks finish at different times: a channel that has delivered
 * its end-of-partition marker counts as having delivered the barrier of every later checkpoint,
 * with and without the event-time order.
 */
class GateInputEndedChannelsTest {
  private final List<String> seen = new ArrayList<>();
  private final List<Long> aligned = new ArrayList<>();

  private final Output head = new Output() {
    @Override
    public void emit(Object record, long timestamp) {
      seen.add(String.valueOf(record));
    }

    @Override
    public void emitSide(OutputTag<?> tag, Object record, long timestamp) {}

    @Override
    public void emitWatermark(long watermark) {
      seen.add("wm" + (watermark == Watermark.END_OF_TIME ? "-end" : watermark));
    }

    @Override
    public void emitWatermarkStatus(boolean idle) {}
  };

  private static void send(Channel channel, Object... elements) {
    for (Object e : elements) {
      channel.add(e, 0);
    }
    channel.flush();
  }

  /** Steps until nothing moves; returns the last status. */
  private static InputStatus drain(GateInput input) {
    InputStatus status = InputStatus.MORE_AVAILABLE;
    for (int i = 0; i < 100 && status == InputStatus.MORE_AVAILABLE; i++) {
      status = input.step();
    }
    return status;
  }

  @Test
  void when_aChannelEndedBeforeACheckpoint_then_everyLaterBarrierAlignsOnTheOthers() {
    Channel finished = new Channel();
    Channel b = new Channel();
    Channel c = new Channel();
    GateInput input = new GateInput(new InputGate(List.of(finished, b, c)), head, aligned::add);

    send(finished, "f1", new Watermark(Watermark.END_OF_TIME), EndOfPartition.INSTANCE);
    drain(input);
    for (long id = 1; id <= 3; id++) {
      send(b, "b" + id, new CheckpointBarrier(id), "b-after" + id);
      drain(input);
      // b is held behind its barrier until c delivers it; the ended channel is not waited for
      assertThat(aligned).hasSize((int) id - 1);
      assertThat(seen).doesNotContain("b-after" + id);
      send(c, "c" + id, new CheckpointBarrier(id));
      drain(input);
      assertThat(aligned).hasSize((int) id).endsWith(id);
      assertThat(seen).contains("b-after" + id);
    }
  }

  @Test
  void when_aChannelEndsWhileACheckpointAligns_then_theCheckpointCompletesBehindItsLastRecords() {
    Channel a = new Channel();
    Channel ending = new Channel();
    GateInput input = new GateInput(new InputGate(List.of(a, ending)), head, aligned::add);

    send(a, "a1", new CheckpointBarrier(7), "a2");
    drain(input);
    assertThat(aligned).isEmpty();
    send(ending, "e1", "e2", EndOfPartition.INSTANCE);
    drain(input);

    assertThat(aligned).containsExactly(7L);
    // The snapshot holds every record of the ending channel, and none after a's barrier.
    assertThat(seen.indexOf("e2")).isLessThan(seen.indexOf("a2"));
    send(a, new CheckpointBarrier(8));
    drain(input);
    assertThat(aligned).containsExactly(7L, 8L);
  }

  @Test
  void when_theLastChannelEnds_then_theInputEnds() {
    Channel a = new Channel();
    Channel b = new Channel();
    GateInput input = new GateInput(new InputGate(List.of(a, b)), head, aligned::add);

    send(a, EndOfPartition.INSTANCE);
    assertThat(drain(input)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    send(b, "b1", EndOfPartition.INSTANCE);
    assertThat(drain(input)).isEqualTo(InputStatus.END_OF_INPUT);
    assertThat(seen).filteredOn(s -> !s.startsWith("wm")).containsExactly("b1");
  }

  @Test
  void when_orderedByEventTimeAndAChannelHasEnded_then_laterCheckpointsAlignAndTimeFollowsTheRest() {
    Channel finished = new Channel();
    Channel b = new Channel();
    Channel c = new Channel();
    GateInput input =
        new GateInput(new InputGate(List.of(finished, b, c)), head, aligned::add, true);

    // A finished source sends the end of time, then its end marker.
    send(finished, new Watermark(5), "f1", new Watermark(Watermark.END_OF_TIME),
        EndOfPartition.INSTANCE);
    send(b, new Watermark(10), "b1");
    send(c, new Watermark(20), "c1");
    drain(input);
    // The ended channel neither holds the others back nor lets time jump past them.
    assertThat(seen).contains("f1", "b1").doesNotContain("wm-end");
    assertThat(seen).doesNotContain("c1"); // c is ahead of b in event time

    // Checkpoint 1 at event time 15: b's barrier follows its first watermark above it.
    send(b, new Watermark(16), new CheckpointBarrier(1), "b2", new Watermark(30));
    drain(input);
    assertThat(seen).contains("c1").doesNotContain("b2");
    assertThat(aligned).isEmpty();
    send(c, new CheckpointBarrier(1), "c2", new Watermark(40));
    drain(input);
    assertThat(aligned).containsExactly(1L);
    assertThat(seen).contains("b2", "c2");
    assertThat(seen).endsWith("wm30"); // the minimum of b and c, the ended channel left out
  }
}
