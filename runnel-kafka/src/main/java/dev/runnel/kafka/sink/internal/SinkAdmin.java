package dev.runnel.kafka.sink.internal;

import dev.runnel.api.RunnelException;
import dev.runnel.api.annotation.Internal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sink asks of the cluster besides producing: whether it is reachable, the output topic
 * (created if asked) and the transactions left open under the sink's transactional-id prefix.
 * Every call is bounded by the sink's timeout and fails with one line naming the address.
 */
@Internal
public final class SinkAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(SinkAdmin.class);

  private SinkAdmin() {}

  /**
   * Checks that the cluster answers and the topic exists, creating it with the configured number
   * of partitions if it is missing and the sink was told to; returns its partition count.
   *
   * @throws RunnelException if the cluster does not answer in time, or the topic is missing
   */
  public static int ensureTopic(KafkaSinkSettings settings) {
    try (Admin admin = Admin.create(settings.adminConfig())) {
      Optional<Integer> partitions = describe(admin, settings);
      if (partitions.isPresent()) {
        return partitions.get();
      }
      if (settings.partitionsIfMissing() <= 0) {
        throw new RunnelException("Kafka topic '" + settings.topic() + "' does not exist on "
            + settings.bootstrapServers() + ": create it, or let the sink create it "
            + "(KafkaSink.Builder.createTopicIfMissing)");
      }
      try {
        await(admin.createTopics(List.of(new NewTopic(settings.topic(),
            Optional.of(settings.partitionsIfMissing()), Optional.empty()))).all(), settings);
        LOG.info("created Kafka topic '{}' with {} partitions", settings.topic(),
            settings.partitionsIfMissing());
        return settings.partitionsIfMissing();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw failure("create topic '" + settings.topic() + "'", settings, e.getCause());
        }
        // Another subtask or process created it meanwhile.
        return describe(admin, settings).orElseThrow(() -> new RunnelException(
            "Kafka topic '" + settings.topic() + "' was created and is gone again"));
      }
    }
  }

  private static Optional<Integer> describe(Admin admin, KafkaSinkSettings settings) {
    try {
      TopicDescription d = await(
          admin.describeTopics(Set.of(settings.topic())).topicNameValues().get(settings.topic()),
          settings);
      return Optional.of(d.partitions().size());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw failure("describe topic '" + settings.topic() + "'", settings, e.getCause());
    }
  }

  /**
   * The transactional ids under the sink's prefix ({@link KafkaSinkSettings#isOwnTransactionalId})
   * whose transaction is open on the broker.
   */
  static List<String> openTransactions(KafkaSinkSettings settings) {
    try (Admin admin = Admin.create(settings.adminConfig())) {
      var listings = await(admin.listTransactions(new ListTransactionsOptions()
          .filterStates(Set.of(TransactionState.ONGOING))).all(), settings);
      List<String> ids = new ArrayList<>();
      for (TransactionListing t : listings) {
        if (settings.isOwnTransactionalId(t.transactionalId())) {
          ids.add(t.transactionalId());
        }
      }
      ids.sort(null);
      return ids;
    } catch (ExecutionException e) {
      throw failure("list open transactions", settings, e.getCause());
    }
  }

  private static <V> V await(org.apache.kafka.common.KafkaFuture<V> future,
      KafkaSinkSettings settings) throws ExecutionException {
    try {
      return future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw unreachable(settings);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunnelException("interrupted while talking to Kafka at "
          + settings.bootstrapServers(), e);
    }
  }

  private static RunnelException failure(String what, KafkaSinkSettings settings, Throwable e) {
    if (e instanceof org.apache.kafka.common.errors.TimeoutException) {
      return unreachable(settings);
    }
    return new RunnelException("cannot " + what + " on Kafka at " + settings.bootstrapServers()
        + ": " + e, e);
  }

  /** The one line an unreachable cluster gives. */
  static RunnelException unreachable(KafkaSinkSettings settings) {
    return new RunnelException("cannot reach Kafka at " + settings.bootstrapServers() + " within "
        + settings.timeoutText() + " (sink to topic '" + settings.topic() + "')");
  }
}
