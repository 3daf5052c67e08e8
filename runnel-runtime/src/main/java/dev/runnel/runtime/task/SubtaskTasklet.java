package dev.runnel.runtime.task;

import dev.runnel.api.connector.InputStatus;
import dev.runnel.runtime.checkpoint.OperatorStateReader;
import dev.runnel.runtime.exchange.NetworkOutput;
import dev.runnel.runtime.operators.StreamOperator;
import dev.runnel.runtime.time.ProcessingTimeService;
import java.util.List;

/**
 * One subtask of a chain, run cooperatively: a worker thread calls {@link #call()} over and over,
 * and each call does a bounded amount of work and returns. The states:
 *
 * <pre>
 *  CREATED --open--> RUNNING --input ended, operators finished--> DRAINING --all sent--> DONE
 * </pre>
 *
 * <ul>
 *   <li>RUNNING: if any output still holds records the consumer had no room for, take no input
 *       (this is backpressure: it reaches the source through every queue in between); otherwise
 *       run the processing-time callbacks that are due (periodic watermarks, timers), move one
 *       unit of input through the chain, and publish what it produced.
 *   <li>DRAINING: the end-of-partition markers and last records are queued; keep offering them
 *       until the consumers have taken them all.
 * </ul>
 *
 * Not thread-safe: one worker thread owns a tasklet for the whole job.
 */
final class SubtaskTasklet {
  private enum State { CREATED, RUNNING, DRAINING, DONE }

  private final String name;
  private final InputDriver input;
  private final List<StreamOperator> operators; // topological order
  private final List<NetworkOutput> outputs;
  private final boolean blocking;
  private final ProcessingTimeService processingTime;
  private final SubtaskCheckpointer checkpointer;
  private final List<OperatorStateReader> restored;
  private final List<AutoCloseable> resources;
  private State state = State.CREATED;
  private boolean closed;

  SubtaskTasklet(String name, InputDriver input, List<StreamOperator> operators,
      List<NetworkOutput> outputs, boolean blocking, ProcessingTimeService processingTime) {
    this(name, input, operators, outputs, blocking, processingTime, null, null, List.of());
  }

  /**
   * @param checkpointer the subtask's checkpointing, or null if the job takes no checkpoints
   * @param restored per operator (same order), what it gets back on restore; null for a fresh start
   * @param resources closed after the operators (keyed state backends)
   */
  SubtaskTasklet(String name, InputDriver input, List<StreamOperator> operators,
      List<NetworkOutput> outputs, boolean blocking, ProcessingTimeService processingTime,
      SubtaskCheckpointer checkpointer, List<OperatorStateReader> restored,
      List<AutoCloseable> resources) {
    this.checkpointer = checkpointer;
    this.restored = restored;
    this.resources = List.copyOf(resources);
    this.name = name;
    this.processingTime = processingTime;
    this.input = input;
    this.operators = List.copyOf(operators);
    this.outputs = List.copyOf(outputs);
    this.blocking = blocking;
  }

  String name() {
    return name;
  }

  /** True if the chain may block its thread and needs a thread of its own. */
  boolean isBlocking() {
    return blocking;
  }

  boolean isDone() {
    return state == State.DONE;
  }

  /** Does one bounded unit of work. Returns whether anything moved. */
  boolean call() throws Exception {
    switch (state) {
      case CREATED:
        open();
        state = State.RUNNING;
        return true;
      case RUNNING:
        return run();
      case DRAINING:
        if (flushOutputs()) {
          state = State.DONE;
          close();
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  private void open() throws Exception {
    // Downstream operators first, so that everything an operator emits while opening has a taker.
    for (int i = operators.size() - 1; i >= 0; i--) {
      StreamOperator op = operators.get(i);
      try {
        op.open();
      } catch (Exception e) {
        throw op.context().failureOf(e);
      }
    }
    input.open();
    if (restored != null) {
      for (int i = 0; i < operators.size(); i++) {
        StreamOperator op = operators.get(i);
        try {
          op.restoreState(restored.get(i));
        } catch (Exception e) {
          throw op.context().failureOf(e);
        }
      }
    }
  }

  private boolean run() throws Exception {
    if (!hasRoom()) {
      return false;
    }
    // Processing-time work (periodic watermarks, timers) comes first: it may not wait for input.
    boolean fired = processingTime.fireDue();
    if (checkpointer != null) {
      checkpointer.poll();
    }
    InputStatus status = input.step();
    if (status == InputStatus.END_OF_INPUT) {
      finishOperators();
      if (checkpointer != null) {
        checkpointer.finalSnapshot();
      }
      for (NetworkOutput out : outputs) {
        out.endPartition();
      }
      state = State.DRAINING;
      return true;
    }
    flushOutputs();
    return fired || status == InputStatus.MORE_AVAILABLE;
  }

  private void finishOperators() {
    // Upstream first: an operator may still emit while finishing, and its consumers must take it.
    for (StreamOperator op : operators) {
      try {
        op.finish();
      } catch (Exception e) {
        throw op.context().failureOf(e);
      }
    }
  }

  private boolean hasRoom() {
    for (NetworkOutput out : outputs) {
      if (!out.hasRoom()) {
        return false;
      }
    }
    return true;
  }

  private boolean flushOutputs() {
    boolean all = true;
    for (NetworkOutput out : outputs) {
      all &= out.flush();
    }
    return all;
  }

  /**
   * Closes the input and every operator, once, even if some fail to close.
   *
   * @throws Exception the first failure, with later ones suppressed
   */
  void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    Exception failure = null;
    try {
      input.close();
    } catch (Exception e) {
      failure = e;
    }
    for (StreamOperator op : operators) {
      try {
        op.close();
      } catch (Exception e) {
        Exception pinned = op.context().failure(null, e);
        if (failure == null) {
          failure = pinned;
        } else {
          failure.addSuppressed(pinned);
        }
      }
    }
    if (checkpointer != null) {
      checkpointer.closeAfterPendingWrites(resources);
    } else {
      for (AutoCloseable resource : resources) {
        try {
          resource.close();
        } catch (Exception e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return name + " [" + state + "]";
  }
}
