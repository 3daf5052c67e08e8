package dev.runnel.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.connector.CollectionSource;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.connector.file.FileSink;
import dev.runnel.connector.file.FileSource;
import dev.runnel.runtime.serialization.ObjectSerializer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The split states and committables of the built-in connectors survive a checkpoint's bytes. */
class ConnectorStateSerializationTest {
  @Test
  void when_splitStatesAndCommittablesAreSerialized_then_theyReadBackEqual() {
    List<Object> states = new ArrayList<>(List.of(
        new CollectionSource.Position(17),
        new GeneratorSource.Split(41, 3),
        new FileSource.SplitState("/data/in/part-0.jsonl", 12_345, 99, false),
        new FileSource.SplitState("/data/in/part-1.jsonl", 777, 10, true),
        new FileSink.Committable(".part-0-3.jsonl.pending", "part-0-3.jsonl")));

    for (Object state : states) {
      assertThat(ObjectSerializer.fromBytes(ObjectSerializer.toBytes(state))).isEqualTo(state);
    }
    assertThat(ObjectSerializer.fromBytes(ObjectSerializer.toBytes(states))).isEqualTo(states);
  }
}
