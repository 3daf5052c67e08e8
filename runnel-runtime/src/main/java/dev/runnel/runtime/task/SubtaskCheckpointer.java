package dev.runnel.runtime.task;

import dev.runnel.runtime.checkpoint.CheckpointCoordinator;
import dev.runnel.runtime.checkpoint.CheckpointMetadata;
import dev.runnel.runtime.checkpoint.CheckpointStorage;
import dev.runnel.runtime.checkpoint.OperatorSnapshotData;
import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.checkpoint.StateFile;
import dev.runnel.runtime.exchange.NetworkOutput;
import dev.runnel.runtime.operators.SinkOperator;
import dev.runnel.runtime.operators.StreamOperator;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.state.KeyedStateHandle;
import dev.runnel.runtime.state.KeyedStateSnapshot;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpointing side of one subtask (one chain): takes the synchronous snapshot of every
 * operator of the chain when the barriers are aligned (or, in a source, when the coordinator asks),
 * forwards the barrier, and hands the writing of files to the checkpoint I/O executor, which
 * acknowledges to the coordinator. Also the final snapshot when the input has ended.
 *
 * <p>The coordinator calls {@link #triggerCheckpoint} and {@link #notifyCheckpointComplete} from
 * its thread; they only leave a note that the subtask's thread picks up in {@link #poll()}.
 */
final class SubtaskCheckpointer implements CheckpointCoordinator.Participant, BarrierAligner.Handler {
  private static final Logger LOG = LoggerFactory.getLogger(SubtaskCheckpointer.class);

  /**
   * One operator of the chain.
   *
   * @param operator the operator, or null for the chain's source
   * @param source the chain's source, or null for an operator
   * @param backend its keyed state backend, or null if it is not keyed
   */
  record Part(String uid, int subtask, StreamOperator operator, SourceInput source,
      KeyedStateBackend backend, int maxParallelism) {}

  private record Captured(Part part, OperatorSnapshotData data, KeyedStateSnapshot keyed,
      List<Object> committables) {}

  private final CheckpointCoordinator coordinator;
  private final Executor io;
  private final String stateBackend;
  private final List<Part> parts;
  private final List<StreamOperator> operators;
  private List<NetworkOutput> outputs = List.of();
  private final AtomicLong requested = new AtomicLong(-1);
  private final ConcurrentLinkedQueue<Long> completed = new ConcurrentLinkedQueue<>();
  private volatile boolean ended;
  /** Null unless the job orders its channels by event time. */
  private final EventTimeBarriers eventTimeBarriers;
  /** Whether the chain's source emits its barriers itself, in event time. */
  private final boolean sourcePlacesBarriers;

  SubtaskCheckpointer(CheckpointCoordinator coordinator, Executor io, String stateBackend,
      List<Part> parts) {
    this(coordinator, io, stateBackend, parts, null, false);
  }

  /**
   * @param eventTimeBarriers the job's barrier positions in event time, or null
   * @param sourcePlacesBarriers whether the chain's source emits its barriers itself when its
   *     watermark reaches their event time ({@link SourceInput}), instead of at its next step
   */
  SubtaskCheckpointer(CheckpointCoordinator coordinator, Executor io, String stateBackend,
      List<Part> parts, EventTimeBarriers eventTimeBarriers, boolean sourcePlacesBarriers) {
    this.eventTimeBarriers = eventTimeBarriers;
    this.sourcePlacesBarriers = sourcePlacesBarriers;
    this.coordinator = coordinator;
    this.io = io;
    this.stateBackend = stateBackend;
    this.parts = List.copyOf(parts);
    List<StreamOperator> ops = new ArrayList<>();
    for (Part p : parts) {
      if (p.operator() != null) {
        ops.add(p.operator());
      }
    }
    this.operators = ops;
  }

  void setOutputs(List<NetworkOutput> outputs) {
    this.outputs = List.copyOf(outputs);
  }

  @Override
  public void triggerCheckpoint(long checkpointId) {
    if (ended) {
      return; // its final snapshot answers for this checkpoint (CheckpointCoordinator#finished)
    }
    if (eventTimeBarriers != null) {
      eventTimeBarriers.trigger(checkpointId); // its event time is fixed now
      if (sourcePlacesBarriers) {
        return;
      }
    }
    requested.set(checkpointId);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    completed.add(checkpointId);
  }

  /** On the subtask's thread, between two steps: acts on what the coordinator asked. */
  void poll() throws Exception {
    Long done;
    while ((done = completed.poll()) != null) {
      for (Part part : parts) {
        if (part.source() != null) {
          try {
            part.source().notifyCheckpointComplete(done);
          } catch (Exception e) {
            throw part.source().context().failureOf(e);
          }
        }
      }
      for (StreamOperator op : operators) {
        try {
          op.notifyCheckpointComplete(done);
        } catch (Exception e) {
          throw op.context().failureOf(e);
        }
      }
    }
    long id = requested.getAndSet(-1);
    if (id >= 0 && !ended) {
      onAligned(id);
    }
  }

  /**
   * Barriers of {@code checkpointId} have arrived on every input (or, in a source, it is time to
   * emit one): snapshot, then pass it on.
   */
  @Override
  public void onAligned(long checkpointId) {
    snapshot(checkpointId);
    for (NetworkOutput out : outputs) {
      out.emitBarrier(checkpointId);
    }
  }

  /**
   * The input has ended and the operators have finished: the subtask's final snapshot, which
   * answers for it in every checkpoint from now on (see {@link CheckpointCoordinator}). A sink's
   * pre-commit here hands over the rest of its output.
   */
  void finalSnapshot() {
    ended = true;
    long checkpointId = coordinator.finalSnapshotId();
    List<Captured> captured;
    try {
      captured = capture(checkpointId);
    } catch (SinkPreCommitFailed e) {
      throw e; // fails the task, as at any barrier (see snapshot)
    } catch (Exception | StackOverflowError e) {
      coordinator.finishFailed(this, e);
      return;
    }
    io.execute(() -> {
      try {
        Path folder = coordinator.finishedStateFolder();
        if (folder != null) { // else the job has stopped
          coordinator.finished(this, write(folder, captured));
        }
      } catch (Exception e) {
        coordinator.finishFailed(this, e);
      }
    });
  }

  /**
   * A two-phase sink could not pre-commit. It may have lost what it wrote since the last barrier
   * (a rolled-back transaction, a failed flush): declining the checkpoint would let the job go on
   * without those records, so the task fails instead and restores them from the last checkpoint.
   */
  private static final class SinkPreCommitFailed extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    SinkPreCommitFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private void snapshot(long checkpointId) {
    List<Captured> captured;
    try {
      captured = capture(checkpointId);
    } catch (SinkPreCommitFailed e) {
      throw e;
    } catch (Exception | StackOverflowError e) {
      // A state that cannot be snapshotted fails the checkpoint, not the job.
      coordinator.decline(checkpointId, e);
      return;
    }
    io.execute(() -> {
      try {
        Path folder = coordinator.folderOf(checkpointId);
        if (folder != null) { // else aborted meanwhile
          coordinator.acknowledge(this, checkpointId, write(folder, captured));
        }
      } catch (Exception e) {
        coordinator.decline(checkpointId, e);
      }
    });
  }

  /**
   * The synchronous phase: every operator's state, on the subtask's thread.
   *
   * @throws SinkPreCommitFailed if a two-phase sink's pre-commit failed
   */
  private List<Captured> capture(long checkpointId) throws Exception {
    List<Captured> captured = new ArrayList<>();
    for (Part part : parts) {
      OperatorSnapshotWriter writer = new OperatorSnapshotWriter(checkpointId,
          part.backend() == null ? null : part.backend().keys().range(), part.maxParallelism());
      try {
        if (part.source() != null) {
          part.source().snapshotState(writer);
        } else {
          part.operator().snapshotState(writer);
        }
      } catch (Exception | StackOverflowError e) {
        if (part.operator() instanceof SinkOperator sink && sink.isTwoPhase()) {
          throw new SinkPreCommitFailed("the sink '" + part.uid()
              + "' could not pre-commit checkpoint " + checkpointId + ": " + e, e);
        }
        throw e;
      }
      KeyedStateSnapshot keyed =
          part.backend() == null ? null : part.backend().snapshot(checkpointId);
      List<Object> committables = part.operator() instanceof SinkOperator sink
          && sink.isTwoPhase() ? sink.committables() : List.of();
      captured.add(new Captured(part, writer.toData(), keyed, committables));
    }
    return captured;
  }

  /** The asynchronous phase, on the I/O thread: writes the files into {@code folder}. */
  private List<CheckpointCoordinator.OperatorAck> write(Path folder, List<Captured> captured)
      throws Exception {
    List<CheckpointCoordinator.OperatorAck> acks = new ArrayList<>();
    for (Captured c : captured) {
      String stem = CheckpointStorage.folderName(c.part().uid()) + "-" + c.part().subtask();
      StateFile file = c.data().isEmpty() ? null : writeData(folder, stem + ".op", c.data());
      KeyedStateHandle handle = c.keyed() == null ? null : c.keyed().write(folder, stem);
      if (file == null && handle == null) {
        continue; // a stateless operator
      }
      acks.add(new CheckpointCoordinator.OperatorAck(c.part().uid(),
          new CheckpointMetadata.SubtaskState(c.part().subtask(), file,
              handle == null ? null : CheckpointStorage.keyedHandleToJson(stateBackend, handle)),
          c.committables()));
    }
    return acks;
  }

  /**
   * Closes {@code resources} (keyed state backends) once the checkpoint writes already handed to
   * the I/O executor are done: a RocksDB snapshot reads files of its backend's local folder while
   * it is written, so the backend may not go away under it.
   */
  void closeAfterPendingWrites(List<AutoCloseable> resources) {
    Runnable close = () -> {
      for (AutoCloseable r : resources) {
        try {
          r.close();
        } catch (Exception e) {
          LOG.warn("closing a state backend failed: {}", e.toString());
        }
      }
    };
    try {
      io.execute(close);
    } catch (RejectedExecutionException e) {
      close.run(); // the I/O executor has stopped: no write is pending
    }
  }

  private static StateFile writeData(Path folder, String name, OperatorSnapshotData data)
      throws IOException {
    CRC32 crc = new CRC32();
    try (FileChannel channel = FileChannel.open(folder.resolve(name), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      OutputStream raw = Channels.newOutputStream(channel);
      DataOutputStream out = new DataOutputStream(
          new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc));
      data.writeTo(out);
      out.flush();
      channel.force(true);
      return new StateFile(name, channel.size(), crc.getValue());
    }
  }
}
