package dev.runnel.kafka.sink.internal;

import dev.runnel.api.RunnelException;
import dev.runnel.api.annotation.Internal;
import dev.runnel.kafka.internal.UninterruptedClose;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional producers of one sink subtask, one per slot, with the transactional id
 * {@code <prefix>-<subtask>-<slot>}. A producer holds one transaction at a time, and a prepared
 * transaction stays open until its checkpoint completes, while the subtask already writes the
 * next one: so a subtask needs at least two slots, and one more for each checkpoint in a row that
 * may fail before one completes.
 *
 * <p>A slot is <i>idle</i> (free to begin a transaction), <i>open</i> (records of the current
 * checkpoint go there) or <i>prepared</i> (flushed at a barrier, waiting for the committer). The
 * subtask's thread begins and prepares; the committer's thread commits a prepared slot through
 * {@link #commitIfHeld}, which makes it idle again. Thread-safe: every transition holds this
 * object's lock.
 */
@Internal
final class TransactionSlots {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionSlots.class);

  enum State { IDLE, OPEN, PREPARED }

  /** One slot; its fields are guarded by the enclosing object's lock. */
  static final class Slot {
    final int index;
    final String transactionalId;
    KafkaProducer<byte[], byte[]> producer;
    State state = State.IDLE;
    KafkaCommittable prepared;

    private Slot(int index, String transactionalId) {
      this.index = index;
      this.transactionalId = transactionalId;
    }
  }

  private final KafkaSinkSettings settings;
  private final int subtask;
  private final Slot[] slots;
  /** The slot used last; the next transaction takes the next idle one after it. */
  private int last = -1;
  private boolean closed;

  TransactionSlots(KafkaSinkSettings settings, int subtask) {
    this.settings = settings;
    this.subtask = subtask;
    this.slots = new Slot[settings.transactionSlots()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new Slot(i, settings.transactionalId(subtask, i));
    }
  }

  /** The transactional ids of the slots. */
  String[] transactionalIds() {
    String[] ids = new String[slots.length];
    for (int i = 0; i < slots.length; i++) {
      ids[i] = slots[i].transactionalId;
    }
    return ids;
  }

  /**
   * Begins a transaction in the next idle slot and returns it, open. Waits (up to the sink's
   * timeout) while every slot holds a prepared transaction: they become idle as their checkpoints
   * complete.
   *
   * @throws RunnelException if no slot became idle in time
   */
  synchronized Slot begin() throws InterruptedException {
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    while (true) {
      check();
      for (int i = 1; i <= slots.length; i++) {
        Slot s = slots[(last + i) % slots.length];
        if (s.state == State.IDLE) {
          if (s.producer == null) {
            long start = System.nanoTime();
            s.producer = new KafkaProducer<>(settings.producerConfig(s.transactionalId));
            // Fences any earlier producer of this id and aborts what it left open.
            s.producer.initTransactions();
            LOG.debug("producer of {} ready in {} ms", s.transactionalId,
                (System.nanoTime() - start) / 1_000_000);
          }
          s.producer.beginTransaction();
          s.state = State.OPEN;
          last = s.index;
          return s;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new RunnelException("subtask " + subtask + " of the Kafka sink to topic '"
            + settings.topic() + "' waited " + settings.timeoutText() + " for one of its "
            + slots.length + " transaction slots: each holds a transaction prepared for a "
            + "checkpoint that has not completed. Checkpoints are failing or slow; more slots "
            + "(KafkaSink.Builder.transactionSlots) let more of them fail in a row");
      }
      Duration wait = Duration.ofNanos(left);
      wait(Math.max(1, wait.toMillis()));
    }
  }

  /** Marks the flushed open transaction of {@code s} prepared and returns its committable. */
  synchronized KafkaCommittable prepared(Slot s, long checkpointId) {
    check();
    ProducerTransactionState.IdAndEpoch state = ProducerTransactionState.read(s.producer);
    s.prepared = new KafkaCommittable(s.transactionalId, state.producerId(), state.epoch(),
        state.transactionV2(), checkpointId);
    s.state = State.PREPARED;
    return s.prepared;
  }

  /**
   * Commits {@code c} with the producer that prepared it, if this pool still holds it; returns
   * false if not (the committer then commits it by resuming the transaction).
   */
  synchronized boolean commitIfHeld(KafkaCommittable c) {
    if (closed) {
      return false;
    }
    for (Slot s : slots) {
      if (s.state == State.PREPARED && c.equals(s.prepared)) {
        try {
          s.producer.commitTransaction();
        } catch (RuntimeException e) {
          // Leave the transaction to be committed by resuming it (after the restart this
          // failure causes); this producer is of no more use.
          s.producer.close(Duration.ZERO);
          s.producer = null;
          throw e;
        }
        LOG.debug("committed {}", c);
        if (ProducerTransactionState.read(s.producer).epoch() == c.epoch()) {
          // Transaction protocol 1 keeps the epoch across transactions, so a late commit of this
          // committable (from a restored checkpoint) would commit the slot's next transaction.
          // A new producer's initTransactions() bumps the epoch and fences such commits.
          s.producer.close(settings.timeout());
          s.producer = null;
        }
        s.state = State.IDLE;
        s.prepared = null;
        notifyAll();
        return true;
      }
    }
    return false;
  }

  /**
   * Ends the pool: aborts the open transaction (its records belong to no checkpoint), and closes
   * every producer, without aborting prepared transactions: the committer may still commit them
   * (the last checkpoint of a finished job completes after its sink closed).
   */
  synchronized void close() {
    closed = true;
    notifyAll();
    // Out of reach of the cancel's interrupts, which would make the producers give up.
    UninterruptedClose.run("runnel-kafka-sink-close-" + subtask, this::closeSlots);
  }

  /** Closes every producer; called once, on the closing thread, after {@link #closed} is set. */
  private void closeSlots() {
    RuntimeException failure = null;
    for (Slot s : slots) {
      if (s.producer == null) {
        continue;
      }
      try {
        switch (s.state) {
          case OPEN -> {
            try {
              s.producer.abortTransaction();
              s.producer.close(settings.timeout());
            } catch (RuntimeException e) {
              // Its records belong to no checkpoint, so leaving it open loses nothing: the next
              // start's recovery aborts it, or the broker does after the transaction timeout. A
              // cancel that interrupts the close again is the usual way here, not a problem.
              if (e instanceof InterruptException) {
                LOG.info("{} left open by the cancel; it is aborted when the job restarts or after"
                    + " the transaction timeout", s.transactionalId);
              } else {
                LOG.warn("cannot abort {}: {}; it is aborted when the job restarts or after the "
                    + "transaction timeout", s.transactionalId, e.toString());
              }
              s.producer.close(Duration.ZERO);
            }
          }
          // A timed close would abort the open transaction on the broker; a forced one does not.
          case PREPARED -> s.producer.close(Duration.ZERO);
          case IDLE -> s.producer.close(settings.timeout());
        }
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        }
      }
      s.producer = null;
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void check() {
    if (closed) {
      throw new IllegalStateException("the transaction slots of subtask " + subtask
          + " are closed");
    }
  }
}
