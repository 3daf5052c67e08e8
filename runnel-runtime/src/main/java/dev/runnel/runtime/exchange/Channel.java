package dev.runnel.runtime.exchange;

import java.util.ArrayDeque;

/**
 * The bounded connection from one producer subtask to one consumer subtask. The producer appends
 * elements to a batch and publishes full batches (and, at the end of each step, partial ones) into
 * a single-producer/single-consumer queue of at most {@link #QUEUE_BATCHES} batches; the consumer
 * hands drained batches back through a second queue so that they are reused, not reallocated.
 *
 * <p><b>Backpressure.</b> A batch that finds the queue full waits in a producer-side pending list,
 * and {@link #hasRoom()} turns false: the producer's tasklet then takes no more input until the
 * consumer catches up. The pending list only ever holds what one step of the producer emitted, so
 * memory stays bounded by the queue size plus one step's output.
 *
 * <p>Producer-side methods are called by the producer's thread only, consumer-side methods by the
 * consumer's thread only.
 */
public final class Channel {
  /** Elements per batch. */
  public static final int BATCH_SIZE = 512;

  /** Batches the queue holds before the producer is backpressured. */
  public static final int QUEUE_BATCHES = 8;

  private final SpscQueue<ElementBatch> published = new SpscQueue<>(QUEUE_BATCHES);
  private final SpscQueue<ElementBatch> recycled = new SpscQueue<>(QUEUE_BATCHES * 2);

  // Producer side.
  private final ArrayDeque<ElementBatch> pending = new ArrayDeque<>();
  private ElementBatch current;

  /** Producer side: appends an element, publishing the batch when it is full. */
  public void add(Object element, long timestamp) {
    ElementBatch batch = current;
    if (batch == null) {
      batch = recycled.poll();
      if (batch == null) {
        batch = new ElementBatch(BATCH_SIZE);
      }
      current = batch;
    }
    batch.add(element, timestamp);
    if (batch.isFull()) {
      current = null;
      publish(batch);
    }
  }

  /**
   * Producer side: publishes everything appended so far, as far as the queue has room.
   *
   * @return true if nothing is left waiting on the producer side
   */
  public boolean flush() {
    if (current != null && !current.isEmpty()) {
      ElementBatch batch = current;
      current = null;
      publish(batch);
    }
    while (!pending.isEmpty()) {
      if (!published.offer(pending.peekFirst())) {
        return false;
      }
      pending.pollFirst();
    }
    return true;
  }

  /** Producer side: whether the producer may take more input without growing the pending list. */
  public boolean hasRoom() {
    return pending.isEmpty() || flush();
  }

  private void publish(ElementBatch batch) {
    if (!pending.isEmpty() || !published.offer(batch)) {
      pending.addLast(batch);
    }
  }

  /** Consumer side: the oldest published batch, or null. Hand it back with {@link #recycle}. */
  public ElementBatch poll() {
    return published.poll();
  }

  /** Consumer side: returns a drained batch to the producer for reuse. */
  public void recycle(ElementBatch batch) {
    batch.clear();
    recycled.offer(batch); // if the pool is full the batch is simply left to the GC
  }

  /** Batches waiting in the queue, for metrics. */
  public int queuedBatches() {
    return published.size();
  }
}
