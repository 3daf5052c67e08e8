package dev.runnel.kafka.sink;

import static dev.runnel.kafka.sink.KafkaTopics.committedValues;
import static dev.runnel.kafka.sink.KafkaTopics.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.connector.Committer;
import dev.runnel.api.connector.SinkWriter;
import dev.runnel.kafka.broker.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The exactly-once writer and committer, driven by hand against a real broker. */
class KafkaSinkTransactionTest {
  private static EmbeddedKafkaBroker kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafkaBroker.builder().start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  private static KafkaSink<String> sink(String topic, String prefix) {
    return KafkaSink.<String>builder()
        .bootstrapServers(kafka.bootstrapServers())
        .topic(topic)
        .key(s -> s)
        .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .transactionalIdPrefix(prefix)
        .createTopicIfMissing(2)
        .build();
  }

  /** The values as the sink writes them: JSON strings. */
  static String[] json(String... values) {
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = '"' + values[i] + '"';
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Committer<Object> committer(KafkaSink<?> sink) {
    return (Committer<Object>) sink.createCommitter();
  }

  @Test
  void when_checkpointCompletes_then_itsTransactionBecomesVisibleOnce() throws Exception {
    KafkaSink<String> sink = sink("visible", "visible-job");
    Committer<Object> committer = committer(sink);
    committer.recover(List.of());
    SinkWriter<String> writer = sink.createWriter(context(0, 1, true));
    writer.write("a");
    writer.write("b");
    List<?> first = writer.prepareCommit(1);
    writer.write("c");

    assertThat(first).hasSize(1);
    assertThat(committedValues(kafka.bootstrapServers(), "visible")).isEmpty();

    committer.commit(new ArrayList<>(first));
    assertThat(committedValues(kafka.bootstrapServers(), "visible"))
        .containsExactlyInAnyOrder(json("a", "b"));

    // The runtime may hand a committable over again (it stays in the next checkpoint until the
    // sink hears of the completion): nothing changes.
    List<?> second = writer.prepareCommit(2);
    List<Object> again = new ArrayList<>(first);
    again.addAll(second);
    committer.commit(again);
    committer.commit(again);
    assertThat(committedValues(kafka.bootstrapServers(), "visible"))
        .containsExactlyInAnyOrder(json("a", "b", "c"));

    // More checkpoints than slots: slots are reused once their transactions are committed.
    for (int i = 0; i < 10; i++) {
      writer.write("d" + i);
      committer.commit(new ArrayList<>(writer.prepareCommit(3 + i)));
    }
    // Nothing since the last barrier: nothing to commit.
    assertThat(writer.prepareCommit(13)).isEmpty();
    writer.close();
    assertThat(committedValues(kafka.bootstrapServers(), "visible")).hasSize(13);
  }

  @Test
  void when_writerClosedBeforeCommit_then_committerResumesThePreparedTransaction()
      throws Exception {
    // As after the final checkpoint of a finished job: the writer is closed, then it commits.
    KafkaSink<String> sink = sink("closed-first", "closed-first-job");
    Committer<Object> committer = committer(sink);
    committer.recover(List.of());
    SinkWriter<String> writer = sink.createWriter(context(0, 1, true));
    writer.write("x");
    writer.write("y");
    List<?> prepared = writer.prepareCommit(1);
    writer.close();

    committer.commit(new ArrayList<>(prepared));
    committer.commit(new ArrayList<>(prepared));

    assertThat(committedValues(kafka.bootstrapServers(), "closed-first"))
        .containsExactlyInAnyOrder(json("x", "y"));
  }

  @Test
  void when_recovering_then_restoredTransactionsAreCommittedAndLaterOnesAborted()
      throws Exception {
    String topic = "recovered";
    KafkaSink<String> before = sink(topic, "recovered-job");
    committer(before).recover(List.of());
    SinkWriter<String> zombie = before.createWriter(context(0, 1, true));
    zombie.write("in-checkpoint-1");
    List<?> restored = zombie.prepareCommit(1);
    zombie.write("in-checkpoint-2");
    zombie.prepareCommit(2); // checkpoint 2 never completes
    zombie.write("after-checkpoint-2"); // still open when the process "dies"

    // A new process (a new sink object, so no live producers to reuse) restores checkpoint 1.
    KafkaSink<String> after = sink(topic, "recovered-job");
    committer(after).recover(new ArrayList<>(restored));

    assertThat(committedValues(kafka.bootstrapServers(), topic))
        .containsExactly(json("in-checkpoint-1"));
    // The old writer's producers are fenced: it can neither go on nor commit checkpoint 2.
    assertThatThrownBy(() -> {
      zombie.write("zombie");
      zombie.prepareCommit(3);
    }).isInstanceOf(RuntimeException.class).hasStackTraceContaining("epoch");
    closeQuietly(zombie);

    // The restored run writes on; its output follows, once.
    SinkWriter<String> writer = after.createWriter(context(0, 1, true));
    writer.write("restored-run");
    committer(after).commit(new ArrayList<>(writer.prepareCommit(2)));
    writer.close();
    assertThat(committedValues(kafka.bootstrapServers(), topic))
        .containsExactlyInAnyOrder(json("in-checkpoint-1", "restored-run"));
  }

  @Test
  void when_killedWriterLeftATransactionOpen_then_recoverAbortsItAndConsumersGoOn()
      throws Exception {
    String topic = "lingering";
    KafkaTopics.create(kafka.bootstrapServers(), topic, 1);
    // A "killed" run at parallelism 3 left subtask 2's transaction open: it holds back the last
    // stable offset, so read_committed consumers see nothing written after it.
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lingering-job-2-1");
    KafkaProducer<String, String> killed =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    killed.initTransactions();
    killed.beginTransaction();
    killed.send(new ProducerRecord<>(topic, "k", "uncommitted")).get();
    killed.flush();

    // The job restarts at parallelism 1 with nothing to restore: subtask 2 no longer exists.
    KafkaSink<String> sink = sink(topic, "lingering-job");
    Committer<Object> committer = committer(sink);
    committer.recover(List.of());
    SinkWriter<String> writer = sink.createWriter(context(0, 1, true));
    writer.write("committed");
    committer.commit(new ArrayList<>(writer.prepareCommit(1)));
    writer.close();
    killed.close(Duration.ZERO);

    assertThat(committedValues(kafka.bootstrapServers(), topic))
        .containsExactly(json("committed"));
  }

  @Test
  void when_aCommittedTransactionIsCommittedAgainAfterItsSlotMovedOn_then_theNextOneIsUntouched()
      throws Exception {
    // A restored checkpoint may still list a transaction committed long ago, whose slot has
    // since begun another one: committing the old one again must not commit the new one.
    String topic = "stale";
    KafkaSink<String> sink = KafkaSink.<String>builder()
        .bootstrapServers(kafka.bootstrapServers())
        .topic(topic)
        .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .transactionalIdPrefix("stale-job")
        .transactionSlots(2)
        .createTopicIfMissing(1)
        .build();
    Committer<Object> committer = committer(sink);
    committer.recover(List.of());
    SinkWriter<String> writer = sink.createWriter(context(0, 1, true));
    writer.write("first");
    List<?> first = writer.prepareCommit(1); // slot 0
    committer.commit(new ArrayList<>(first));
    writer.write("second");
    committer.commit(new ArrayList<>(writer.prepareCommit(2))); // slot 1
    writer.write("third");
    List<?> third = writer.prepareCommit(3); // slot 0 again, its checkpoint not complete yet

    // Another process commits the stale committable, by resuming it.
    committer(sink(topic, "stale-job")).commit(new ArrayList<>(first));

    writer.write("fourth"); // slot 1: the open transaction holds back the last stable offset
    assertThat(committedValues(kafka.bootstrapServers(), topic))
        .containsExactly(json("first", "second"));
    // And the new one still commits when its checkpoint completes.
    committer.commit(new ArrayList<>(third));
    committer.commit(new ArrayList<>(writer.prepareCommit(4)));
    assertThat(committedValues(kafka.bootstrapServers(), topic))
        .containsExactly(json("first", "second", "third", "fourth"));
    writer.close();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // The fenced writer's producers fail to abort; that is what the test expects.
    }
  }
}
