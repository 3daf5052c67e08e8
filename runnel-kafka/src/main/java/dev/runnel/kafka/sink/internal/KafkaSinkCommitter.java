package dev.runnel.kafka.sink.internal;

import dev.runnel.api.RunnelException;
import dev.runnel.api.annotation.Internal;
import dev.runnel.api.connector.Committer;
import dev.runnel.kafka.sink.DeliveryGuarantee;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The committer of a Kafka sink: commits the transactions its writers prepared, and on recovery
 * commits those of the restored checkpoint and aborts every other open transaction of the sink.
 * The recovery rule is in {@link #recover}.
 */
@Internal
public final class KafkaSinkCommitter implements Committer<KafkaCommittable> {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSinkCommitter.class);

  private final KafkaSinkSettings settings;
  private final LiveTransactions live;
  private final Runnable ensureTopic;

  /** @param ensureTopic checks the cluster and the topic (creating it if asked), once */
  public KafkaSinkCommitter(KafkaSinkSettings settings, LiveTransactions live,
      Runnable ensureTopic) {
    this.settings = settings;
    this.live = live;
    this.ensureTopic = ensureTopic;
  }

  /**
   * Commits each transaction: with the producer that prepared it if it is still open in this JVM,
   * otherwise with a new producer that resumes it by producer id and epoch. A transaction that is
   * already complete (committed before, or fenced by a later producer of its transactional id) is
   * skipped, so committing again is harmless.
   */
  @Override
  public void commit(List<KafkaCommittable> committables) {
    for (KafkaCommittable c : committables) {
      if (!live.commitIfHeld(c)) {
        commitByResuming(c);
      }
    }
  }

  private void commitByResuming(KafkaCommittable c) {
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(settings.producerConfig(c.transactionalId()));
    Duration closeTimeout = Duration.ZERO;
    try {
      ProducerTransactionState.resume(producer, c.idAndEpoch());
      producer.commitTransaction();
      closeTimeout = settings.timeout();
      LOG.debug("committed {} by resuming it", c);
    } catch (RuntimeException e) {
      if (!isCompletedBefore(e)) {
        if (e instanceof TimeoutException) {
          throw new RunnelException(SinkAdmin.unreachable(settings).getMessage()
              + ": cannot commit " + c, e);
        }
        throw new RunnelException("cannot commit " + c + " on Kafka at "
            + settings.bootstrapServers() + ": " + e, e);
      }
      // Committed before (this is a retry), or a later producer of the id fenced it: that only
      // happens after the transaction ended, by its commit or, if it outlived the transaction
      // timeout, by the broker aborting it (see the sink's timeout rule).
      LOG.info("{} was completed before: nothing to commit ({})", c, e.toString());
    } finally {
      producer.close(closeTimeout);
    }
  }

  private static boolean isCompletedBefore(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException
          || t instanceof InvalidTxnStateException || t instanceof InvalidPidMappingException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The recovery rule, run once before every (re)start of the job: checks that the cluster
   * answers and the topic exists (creating it if asked); then, for exactly-once, commits the
   * transactions of the restored checkpoint ({@code restored}; none on a fresh start) and aborts
   * every transaction still open on the broker under the sink's transactional-id prefix. Those
   * were written after the restored checkpoint, by this process before a failure or by a process
   * that was killed, whatever the parallelism or slot count it ran with; their records will be
   * written again. Aborting one means fencing its transactional id ({@code initTransactions()}),
   * so a zombie writer of the old run can no longer write or commit.
   */
  @Override
  public void recover(List<KafkaCommittable> restored) {
    ensureTopic.run();
    if (settings.guarantee() != DeliveryGuarantee.EXACTLY_ONCE) {
      return;
    }
    commit(restored);
    for (String id : SinkAdmin.openTransactions(settings)) {
      abort(id);
    }
  }

  private void abort(String transactionalId) {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(settings.producerConfig(transactionalId))) {
      producer.initTransactions();
      LOG.info("aborted the open transaction of {}, left by an earlier run", transactionalId);
    } catch (TimeoutException e) {
      throw new RunnelException(SinkAdmin.unreachable(settings).getMessage()
          + ": cannot abort the open transaction of " + transactionalId, e);
    }
  }
}
