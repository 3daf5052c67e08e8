package dev.runnel.api.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.connector.Readers.Context;
import dev.runnel.api.connector.Readers.ListOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CollectionSourceCheckpointTest {
  private static final List<Integer> ELEMENTS =
      IntStream.range(0, 3000).boxed().toList();

  private final CollectionSource<Integer> source = new CollectionSource<>(ELEMENTS);

  @Test
  void when_readerIsRestoredFromASnapshot_then_itEmitsExactlyTheRest() throws Exception {
    assertThat(source.supportsCheckpoints()).isTrue();
    SourceReader<Integer> first = source.createReader(new Context(0, 1));
    ListOutput<Integer> out = new ListOutput<>();
    first.open();
    assertThat(Readers.poll(first, out, 2)).isEqualTo(InputStatus.MORE_AVAILABLE);
    List<Object> state = List.copyOf(first.snapshotState(1));
    first.close();

    assertThat(state).containsExactly(new CollectionSource.Position(out.records.size()));
    SourceReader<Integer> restored = source.restoreReader(new Context(0, 1), List.copyOf(state));
    restored.open();
    Readers.drain(restored, out);
    restored.close();

    assertThat(out.records).containsExactlyElementsOf(ELEMENTS);
  }

  @Test
  void when_snapshotIsTakenAtTheEnd_then_restoredReaderEmitsNothing() throws Exception {
    SourceReader<Integer> first = source.createReader(new Context(0, 1));
    ListOutput<Integer> out = new ListOutput<>();
    Readers.drain(first, out);
    List<Object> state = List.copyOf(first.snapshotState(7));

    SourceReader<Integer> restored = source.restoreReader(new Context(0, 1), List.copyOf(state));
    ListOutput<Integer> rest = new ListOutput<>();

    assertThat(state).containsExactly(new CollectionSource.Position(ELEMENTS.size()));
    assertThat(restored.pollNext(rest)).isEqualTo(InputStatus.END_OF_INPUT);
    assertThat(rest.records).isEmpty();
  }

  @Test
  void when_snapshotsAreTakenRepeatedly_then_eachRestoreContinuesFromItsOwnPosition()
      throws Exception {
    List<Integer> all = new ArrayList<>();
    List<Object> state = List.of(new CollectionSource.Position(0));
    for (int round = 0; round < 10; round++) {
      SourceReader<Integer> reader = source.restoreReader(new Context(0, 1), state);
      ListOutput<Integer> out = new ListOutput<>();
      Readers.poll(reader, out, 1);
      all.addAll(out.records);
      state = List.copyOf(reader.snapshotState(round));
      reader.close();
    }

    assertThat(all).containsExactlyElementsOf(ELEMENTS);
  }

  @Test
  void when_restoredWithoutSplits_then_readerEndsAtOnce() throws Exception {
    SourceReader<Integer> restored = source.restoreReader(new Context(0, 1), List.of());
    ListOutput<Integer> out = new ListOutput<>();

    assertThat(restored.pollNext(out)).isEqualTo(InputStatus.END_OF_INPUT);
    assertThat(out.records).isEmpty();
    assertThat(restored.snapshotState(1)).isEmpty();
  }

  @Test
  void when_restoredWithAForeignOrOutOfRangeState_then_itFails() {
    assertThatThrownBy(() -> source.restoreReader(new Context(0, 1), List.of("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CollectionSource");
    assertThatThrownBy(() -> source.restoreReader(
        new Context(0, 1), List.of(new CollectionSource.Position(ELEMENTS.size() + 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another collection");
  }
}
