package dev.runnel.kafka.sink.internal;

import dev.runnel.api.annotation.Internal;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transaction slots of a sink's running writers in this JVM, by transactional id, so that its
 * committer commits a prepared transaction with the producer that wrote it (cheap, and that
 * producer can go on with the next transaction) instead of resuming it in a new producer. One per
 * sink object, shared by its writers (on their threads) and its committer (on the checkpoint
 * thread).
 */
@Internal
public final class LiveTransactions {
  private final ConcurrentHashMap<String, TransactionSlots> byId = new ConcurrentHashMap<>();

  void register(TransactionSlots slots) {
    for (String id : slots.transactionalIds()) {
      byId.put(id, slots);
    }
  }

  void unregister(TransactionSlots slots) {
    for (String id : slots.transactionalIds()) {
      byId.remove(id, slots);
    }
  }

  /** Commits {@code c} through the live writer that prepared it; false if there is none. */
  boolean commitIfHeld(KafkaCommittable c) {
    TransactionSlots slots = byId.get(c.transactionalId());
    return slots != null && slots.commitIfHeld(c);
  }
}
