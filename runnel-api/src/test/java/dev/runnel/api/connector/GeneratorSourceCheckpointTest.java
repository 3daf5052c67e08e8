package dev.runnel.api.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.connector.Readers.Context;
import dev.runnel.api.connector.Readers.ListOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class GeneratorSourceCheckpointTest {
  private static final long COUNT = 20_000;

  private final GeneratorSource<Long> source = GeneratorSource.sequence(0, COUNT - 1);

  @Test
  void when_readerIsRestoredFromASnapshot_then_itContinuesWithoutGapOrDuplicate()
      throws Exception {
    assertThat(source.supportsCheckpoints()).isTrue();
    SourceReader<Long> first = source.createReader(new Context(0, 1));
    first.open();
    ListOutput<Long> out = new ListOutput<>();
    Readers.poll(first, out, 3);
    List<Object> state = List.copyOf(first.snapshotState(1));
    first.close();

    assertThat(state).containsExactly(new GeneratorSource.Split(out.records.size(), 1));
    SourceReader<Long> restored = source.restoreReader(new Context(0, 1), List.copyOf(state));
    restored.open();
    Readers.drain(restored, out);

    assertThat(out.records).containsExactlyElementsOf(sequence(COUNT));
  }

  @Test
  void when_twoReadersAreRestoredAsOne_then_theRestIsGeneratedExactlyOnceInOrder()
      throws Exception {
    List<Long> emitted = new ArrayList<>();
    List<List<?>> states = readPartly(2, emitted);

    List<List<Object>> shares = Readers.redistribute(states, 1);
    SourceReader<Long> restored = source.restoreReader(new Context(0, 1), shares.get(0));
    restored.open();
    ListOutput<Long> rest = new ListOutput<>();
    Readers.drain(restored, rest);
    emitted.addAll(rest.records);

    assertThat(rest.records).isSorted();
    assertThat(emitted).containsExactlyInAnyOrderElementsOf(sequence(COUNT));
  }

  @Test
  void when_twoReadersAreRestoredAsThree_then_everyNumberIsGeneratedExactlyOnce()
      throws Exception {
    List<Long> emitted = new ArrayList<>();
    List<List<?>> states = readPartly(2, emitted);

    List<List<Object>> shares = Readers.redistribute(states, 3);
    for (int s = 0; s < 3; s++) {
      SourceReader<Long> restored = source.restoreReader(new Context(s, 3), shares.get(s));
      restored.open();
      ListOutput<Long> rest = new ListOutput<>();
      Readers.drain(restored, rest);
      emitted.addAll(rest.records);
    }

    assertThat(emitted).containsExactlyInAnyOrderElementsOf(sequence(COUNT));
  }

  @Test
  void when_rescaledTwice_then_splitsKeepTheirOwnStepAndEveryNumberIsGeneratedOnce()
      throws Exception {
    List<Long> emitted = new ArrayList<>();
    List<List<?>> states = readPartly(3, emitted);

    // 3 -> 2: one reader owns two splits; read a little of each, snapshot again, then 2 -> 1.
    List<List<Object>> shares = Readers.redistribute(states, 2);
    List<List<?>> second = new ArrayList<>();
    for (int s = 0; s < 2; s++) {
      SourceReader<Long> reader = source.restoreReader(new Context(s, 2), shares.get(s));
      reader.open();
      ListOutput<Long> out = new ListOutput<>();
      Readers.poll(reader, out, 1);
      emitted.addAll(out.records);
      second.add(reader.snapshotState(2));
    }
    SourceReader<Long> last =
        source.restoreReader(new Context(0, 1), Readers.redistribute(second, 1).get(0));
    last.open();
    ListOutput<Long> rest = new ListOutput<>();
    Readers.drain(last, rest);
    emitted.addAll(rest.records);

    assertThat(second.get(0)).hasSize(2);
    assertThat(emitted).containsExactlyInAnyOrderElementsOf(sequence(COUNT));
  }

  @Test
  void when_aSplitIsFinished_then_itStaysInTheStateAndIsNotReadAgain() throws Exception {
    GeneratorSource<Long> small = GeneratorSource.sequence(0, 9);
    SourceReader<Long> reader = small.createReader(new Context(1, 2));
    reader.open();
    ListOutput<Long> out = new ListOutput<>();
    Readers.drain(reader, out);
    List<Object> state = List.copyOf(reader.snapshotState(1));

    SourceReader<Long> restored = small.restoreReader(new Context(0, 1), List.copyOf(state));
    restored.open();
    ListOutput<Long> rest = new ListOutput<>();

    assertThat(out.records).containsExactly(1L, 3L, 5L, 7L, 9L);
    assertThat(state).containsExactly(new GeneratorSource.Split(11, 2));
    assertThat(restored.pollNext(rest)).isEqualTo(InputStatus.END_OF_INPUT);
    assertThat(rest.records).isEmpty();
    assertThat(List.<Object>copyOf(restored.snapshotState(2))).containsExactly(new GeneratorSource.Split(11, 2));
  }

  @Test
  void when_unboundedReaderIsRestored_then_itContinuesItsSequence() throws Exception {
    GeneratorSource<Long> unbounded = GeneratorSource.<Long>of(i -> i).unbounded().build();
    SourceReader<Long> reader = unbounded.createReader(new Context(0, 2));
    reader.open();
    ListOutput<Long> out = new ListOutput<>();
    assertThat(Readers.poll(reader, out, 2)).isEqualTo(InputStatus.MORE_AVAILABLE);
    List<Object> state = List.copyOf(reader.snapshotState(1));

    SourceReader<Long> restored = unbounded.restoreReader(new Context(0, 2), List.copyOf(state));
    restored.open();
    ListOutput<Long> rest = new ListOutput<>();
    assertThat(restored.pollNext(rest)).isEqualTo(InputStatus.MORE_AVAILABLE);

    long last = out.records.get(out.records.size() - 1);
    assertThat(rest.records.get(0)).isEqualTo(last + 2);
    assertThat(rest.records).allMatch(n -> n % 2 == 0);
  }

  @Test
  void when_rateLimitedReaderIsOverItsBudget_then_itReturnsNothingAvailable() throws Exception {
    // One record per ten seconds: the first poll may emit the one record allowed at the start,
    // the next finds the budget spent (unless ten seconds passed, which a test never takes).
    GeneratorSource<Long> slow = GeneratorSource.<Long>of(i -> i).unbounded()
        .ratePerSecond(0.1).build();
    SourceReader<Long> reader = slow.restoreReader(
        new Context(0, 1), List.of(new GeneratorSource.Split(100, 1)));
    reader.open();
    ListOutput<Long> out = new ListOutput<>();

    assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
    assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    assertThat(out.records).containsExactly(100L);
  }

  @Test
  void when_restoredWithAForeignState_then_itFails() {
    assertThatThrownBy(() -> source.restoreReader(new Context(0, 1), List.of(3L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GeneratorSource");
  }

  /**
   * Runs {@code parallelism} fresh readers for a different number of polls each (1, 2, …), adds
   * what they emitted to {@code emitted} and returns their snapshots, in subtask order.
   */
  private List<List<?>> readPartly(int parallelism, List<Long> emitted) throws Exception {
    List<List<?>> states = new ArrayList<>();
    for (int s = 0; s < parallelism; s++) {
      SourceReader<Long> reader = source.createReader(new Context(s, parallelism));
      reader.open();
      ListOutput<Long> out = new ListOutput<>();
      assertThat(Readers.poll(reader, out, s + 1)).isEqualTo(InputStatus.MORE_AVAILABLE);
      emitted.addAll(out.records);
      states.add(reader.snapshotState(1));
      reader.close();
    }
    return states;
  }

  private static List<Long> sequence(long count) {
    return LongStream.range(0, count).boxed().toList();
  }
}
