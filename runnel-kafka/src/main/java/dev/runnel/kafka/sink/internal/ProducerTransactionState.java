package dev.runnel.kafka.sink.internal;

import dev.runnel.api.annotation.Internal;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Reads and sets the transaction state of a {@link KafkaProducer} through reflection, so that a
 * transaction prepared by one producer can be committed by another (after a restart, in another
 * process).
 *
 * <p><b>Why reflection.</b> Kafka's two-phase-commit API (KIP-939: {@code
 * initTransactions(keepPreparedTxn)}, {@code prepareTransaction()}, {@code completeTransaction()})
 * is not public in kafka-clients 4.4: {@code KafkaProducer} offers only {@code
 * initTransactions()}, which aborts whatever the transactional id had open. The broker itself
 * commits a transaction for whoever sends EndTxn with its transactional id, producer id and
 * epoch. So a fresh producer is given the id and epoch of the prepared transaction and put into
 * the in-transaction state, and its {@code commitTransaction()} then sends that EndTxn. This
 * depends on private fields of {@code TransactionManager} (checked when the class loads, with an
 * error naming the kafka-clients version if they moved).
 */
@Internal
final class ProducerTransactionState {
  private static final Field TRANSACTION_MANAGER;
  private static final Field PRODUCER_ID_AND_EPOCH;
  private static final Constructor<?> NEW_PRODUCER_ID_AND_EPOCH;
  private static final Field PRODUCER_ID;
  private static final Field EPOCH;
  private static final Field CURRENT_STATE;
  private static final Object IN_TRANSACTION;
  private static final Field TRANSACTION_STARTED;
  private static final Field TRANSACTION_V2;

  static {
    try {
      TRANSACTION_MANAGER = field(KafkaProducer.class, "transactionManager");
      Class<?> manager = TRANSACTION_MANAGER.getType();
      PRODUCER_ID_AND_EPOCH = field(manager, "producerIdAndEpoch");
      Class<?> idAndEpoch = PRODUCER_ID_AND_EPOCH.getType();
      NEW_PRODUCER_ID_AND_EPOCH = idAndEpoch.getConstructor(long.class, short.class);
      PRODUCER_ID = field(idAndEpoch, "producerId");
      EPOCH = field(idAndEpoch, "epoch");
      CURRENT_STATE = field(manager, "currentState");
      @SuppressWarnings({"unchecked", "rawtypes"})
      Object inTransaction = Enum.valueOf((Class) CURRENT_STATE.getType(), "IN_TRANSACTION");
      IN_TRANSACTION = inTransaction;
      TRANSACTION_STARTED = field(manager, "transactionStarted");
      TRANSACTION_V2 = field(manager, "isTransactionV2Enabled");
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError(new IllegalStateException(
          "the Kafka sink cannot resume transactions with this kafka-clients version ("
              + KafkaProducer.class.getPackage().getImplementationVersion()
              + "); it was built for 4.4: " + e, e));
    }
  }

  private ProducerTransactionState() {}

  /** The producer id, epoch and transaction protocol of a transactional producer. */
  record IdAndEpoch(long producerId, short epoch, boolean transactionV2) {}

  static IdAndEpoch read(KafkaProducer<?, ?> producer) {
    try {
      Object manager = TRANSACTION_MANAGER.get(producer);
      Object idAndEpoch = PRODUCER_ID_AND_EPOCH.get(manager);
      return new IdAndEpoch(PRODUCER_ID.getLong(idAndEpoch), EPOCH.getShort(idAndEpoch),
          TRANSACTION_V2.getBoolean(manager));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read the producer's transaction state", e);
    }
  }

  /**
   * Makes a new transactional producer (one on which {@code initTransactions()} was never
   * called, with the transaction's transactional id) take over the open transaction of producer
   * id and epoch {@code state}: its {@code commitTransaction()} then commits that transaction.
   */
  static void resume(KafkaProducer<?, ?> producer, IdAndEpoch state) {
    try {
      Object manager = TRANSACTION_MANAGER.get(producer);
      if (manager == null) {
        throw new IllegalArgumentException("the producer is not transactional");
      }
      PRODUCER_ID_AND_EPOCH.set(manager,
          NEW_PRODUCER_ID_AND_EPOCH.newInstance(state.producerId(), state.epoch()));
      TRANSACTION_V2.setBoolean(manager, state.transactionV2());
      // Without this, a transaction-v2 producer skips the EndTxn of a transaction it sent nothing in.
      TRANSACTION_STARTED.setBoolean(manager, true);
      CURRENT_STATE.set(manager, IN_TRANSACTION);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot resume transaction " + state + ": " + e, e);
    }
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field f = type.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }
}
