package dev.runnel.runtime.task;

import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.Boundedness;
import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.Source;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.internal.JobPlan;
import dev.runnel.api.internal.OneInputTransformation;
import dev.runnel.api.internal.OperatorSpec;
import dev.runnel.api.internal.Partitioning;
import dev.runnel.api.internal.SinkTransformation;
import dev.runnel.api.internal.SourceTransformation;
import dev.runnel.api.internal.TwoInputOperatorSpec;
import dev.runnel.api.internal.TwoInputTransformation;
import dev.runnel.runtime.eventtime.TimestampsAndWatermarks;
import dev.runnel.runtime.exchange.Channel;
import dev.runnel.runtime.exchange.Watermark;
import dev.runnel.runtime.exchange.InputGate;
import dev.runnel.runtime.exchange.KeyGroupPartitioner;
import dev.runnel.runtime.exchange.NetworkOutput;
import dev.runnel.runtime.exchange.Partitioner;
import dev.runnel.runtime.exchange.RoundRobinPartitioner;
import dev.runnel.runtime.graph.Chain;
import dev.runnel.runtime.graph.JobGraph;
import dev.runnel.runtime.graph.StreamEdge;
import dev.runnel.runtime.graph.StreamNode;
import dev.runnel.runtime.operators.ChainedOutput;
import dev.runnel.runtime.operators.OperatorContext;
import dev.runnel.runtime.operators.OperatorFactory;
import dev.runnel.runtime.operators.Output;
import dev.runnel.runtime.operators.OutputRouter;
import dev.runnel.runtime.operators.SinkOperator;
import dev.runnel.runtime.operators.StreamOperator;
import dev.runnel.runtime.operators.TwoInputOperatorFactory;
import dev.runnel.runtime.operators.TwoInputStreamOperator;
import dev.runnel.api.state.StateBackend;
import dev.runnel.runtime.checkpoint.CheckpointCoordinator;
import dev.runnel.runtime.checkpoint.CheckpointStorage;
import dev.runnel.runtime.checkpoint.OperatorRestore;
import dev.runnel.runtime.checkpoint.OperatorStateReader;
import dev.runnel.runtime.checkpoint.RestoredCheckpoint;
import dev.runnel.runtime.state.HeapKeyedStateBackendFactory;
import dev.runnel.runtime.state.KeyGroupRange;
import dev.runnel.runtime.state.KeyedStateBackendFactory;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.state.KeyGroups;
import dev.runnel.runtime.time.ProcessingTimeService;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * Turns a {@link JobGraph} into a {@link LocalJob}: creates one channel per (producer subtask,
 * consumer subtask) pair of every queued edge, copies user functions once per subtask, and wires
 * each subtask's operators into a tasklet. Runs no user code besides deserializing functions.
 */
public final class JobDeployer {
  /**
   * How to deploy a job beyond its graph.
   *
   * @param backend makes the keyed state backends
   * @param coordinator the run's checkpoint coordinator, or null if the job takes no checkpoints
   * @param checkpointIo where subtasks write their checkpoint files (with a coordinator)
   * @param restore the checkpoint the job starts from, or null
   * @param twoPhaseSinks uids of the sinks that commit in two phases (have a committer)
   * @param localStateDirectory a folder for state backends' working files
   */
  public record Options(int workerThreads, long watermarkIntervalMillis,
      KeyedStateBackendFactory backend, StateBackend backendConfiguration,
      CheckpointCoordinator coordinator, Executor checkpointIo, RestoredCheckpoint restore,
      Set<String> twoPhaseSinks, Path localStateDirectory) {}

  private final JobGraph graph;
  private final int workerThreads;
  /** The interval as configured: {@link JobPlan#WATERMARK_INTERVAL_AUTO} when left unset. */
  private final long watermarkIntervalMillis;
  /** Whether every source of the job is bounded. */
  private final boolean allBounded;
  /** Barrier positions of a job ordered by event time; null when it is not. */
  private final EventTimeBarriers eventTimeBarriers;
  private final Options options;
  private final Map<StreamEdge, Channel[][]> channels = new HashMap<>();
  private final Map<Object, FunctionCopier.Copies<?>> copies = new HashMap<>();
  private final List<OperatorContext> contexts = new ArrayList<>();

  private JobDeployer(JobGraph graph, Options options) {
    this.graph = graph;
    this.workerThreads = options.workerThreads();
    this.watermarkIntervalMillis = options.watermarkIntervalMillis();
    this.options = options;
    boolean bounded = true;
    boolean reassigns = false;
    for (StreamNode node : graph.nodes()) {
      if (node.transformation() instanceof SourceTransformation<?> s
          && s.source().boundedness() != Boundedness.BOUNDED) {
        bounded = false;
      }
      if (node.transformation() instanceof OneInputTransformation<?, ?> t
          && t.spec() instanceof OperatorSpec.AssignTimestamps) {
        reassigns = true;
      }
    }
    this.allBounded = bounded;
    boolean dataDriven = watermarkIntervalMillis == JobPlan.WATERMARK_INTERVAL_AUTO
        || watermarkIntervalMillis == 0;
    // Barriers are placed in event time by the sources; an operator that makes new watermarks
    // downstream would not keep them in place, so such a job is ordered only without checkpoints.
    boolean ordered = allBounded && dataDriven && !(reassigns && options.coordinator() != null);
    this.eventTimeBarriers = ordered ? new EventTimeBarriers() : null;
  }

  /**
   * The watermark interval of a source: as configured, or when left unset, after every record for
   * a bounded source and {@link StreamEnvironment#DEFAULT_WATERMARK_INTERVAL} for an unbounded one.
   */
  private long watermarkInterval(boolean bounded) {
    if (watermarkIntervalMillis != JobPlan.WATERMARK_INTERVAL_AUTO) {
      return watermarkIntervalMillis;
    }
    return bounded ? 0 : StreamEnvironment.DEFAULT_WATERMARK_INTERVAL.toMillis();
  }

  /** Builds a job without checkpoints, on the heap backend; call {@link LocalJob#start()}. */
  public static LocalJob deploy(JobGraph graph, int workerThreads, long watermarkIntervalMillis) {
    return deploy(graph, new Options(workerThreads, watermarkIntervalMillis,
        new HeapKeyedStateBackendFactory(), StateBackend.heap(), null, null, null, Set.of(),
        Path.of(System.getProperty("java.io.tmpdir"), "runnel-state")));
  }

  /**
   * Builds the job; call {@link LocalJob#start()} to run it. Keyed state backends are created and
   * restored here, on the calling thread.
   */
  public static LocalJob deploy(JobGraph graph, Options options) {
    return new JobDeployer(graph, options).deploy();
  }

  private LocalJob deploy() {
    for (StreamNode node : graph.nodes()) {
      for (StreamEdge edge : node.outputs()) {
        if (!edge.isChained()) {
          channels.put(edge, newChannels(edge));
        }
      }
    }
    List<SubtaskTasklet> tasklets = new ArrayList<>();
    for (Chain chain : graph.chains()) {
      for (int subtask = 0; subtask < chain.parallelism(); subtask++) {
        tasklets.add(tasklet(chain, subtask));
      }
    }
    return new LocalJob(graph.jobName(), tasklets, contexts, workerThreads);
  }

  private static Channel[][] newChannels(StreamEdge edge) {
    int producers = edge.source().parallelism();
    int consumers = edge.target().parallelism();
    Channel[][] c = new Channel[producers][consumers];
    for (int p = 0; p < producers; p++) {
      for (int q = 0; q < consumers; q++) {
        if (edge.partitioning() != Partitioning.Kind.FORWARD || p == q) {
          c[p][q] = new Channel();
        }
      }
    }
    return c;
  }

  private SubtaskTasklet tasklet(Chain chain, int subtask) {
    Map<StreamNode, StreamOperator> operators = new LinkedHashMap<>();
    Map<StreamNode, KeyedStateBackend> backends = new HashMap<>();
    List<NetworkOutput> networkOutputs = new ArrayList<>();
    List<AutoCloseable> resources = new ArrayList<>();
    SourceInput sourceInput = null;
    ProcessingTimeService processingTime = ProcessingTimeService.system();
    RestoredCheckpoint restore = options.restore();
    boolean checkpointing = options.coordinator() != null;
    List<StreamNode> nodes = chain.nodes();
    try {
      // Back to front, so every operator's chained consumers exist when its output is wired.
      for (int i = nodes.size() - 1; i >= 0; i--) {
        StreamNode node = nodes.get(i);
        KeyedStateBackend backend = keyedState(node, subtask, processingTime);
        if (backend != null) {
          resources.add(backend);
          backends.put(node, backend);
        }
        OperatorContext context = new OperatorContext(graph.jobName(), node.name(), subtask,
            node.parallelism(), graph.maxParallelism(), backend, processingTime,
            watermarkInterval(allBounded));
        context.setCheckpointingEnabled(checkpointing);
        contexts.add(context);
        Output output = output(node, subtask, operators, networkOutputs, context);
        if (node.transformation() instanceof SourceTransformation<?> s) {
          @SuppressWarnings("unchecked")
          Source<Object> source = (Source<Object>) s.source();
          WatermarkStrategy<Object> strategy = s.watermarkStrategy() == null
              ? null : copy((WatermarkStrategy<Object>) s.watermarkStrategy(), node.name());
          TimestampsAndWatermarks<Object> eventTime = strategy == null ? null
              : new TimestampsAndWatermarks<>(
                  strategy, output, processingTime, context,
                  watermarkInterval(source.boundedness() == Boundedness.BOUNDED));
          String uid = node.transformation().uid();
          List<Object> splits = null;
          long watermark = Watermark.NONE;
          List<Object> held = List.of();
          if (restore != null && restore.has(uid)) {
            OperatorStateReader reader = restore.reader(uid, subtask, node.parallelism(), null);
            splits = reader.operatorState(SourceInput.SPLITS);
            context.setAllRestoredSplitStates(reader.unionOperatorState(SourceInput.SPLITS));
            watermark = restoredSourceWatermark(reader);
            held = reader.operatorState(SourceInput.HELD);
          }
          sourceInput =
              new SourceInput(source, context, output, eventTime, splits, watermark, held);
          if (eventTimeBarriers != null && eventTime != null) {
            sourceInput.orderByEventTime(eventTimeBarriers);
          }
        } else {
          StreamOperator op = operator(node);
          op.setup(context, output);
          operators.put(node, op);
        }
      }
    } catch (RuntimeException e) {
      closeQuietly(resources, e);
      throw e;
    }
    List<StreamOperator> ordered = new ArrayList<>();
    List<OperatorStateReader> restored = restore == null ? null : new ArrayList<>();
    List<SubtaskCheckpointer.Part> parts = new ArrayList<>();
    for (StreamNode node : nodes) {
      String uid = node.transformation().uid();
      KeyedStateBackend backend = backends.get(node);
      if (operators.containsKey(node)) {
        StreamOperator op = operators.get(node);
        ordered.add(op);
        if (restored != null) {
          restored.add(restore.reader(uid, subtask, node.parallelism(),
              backend == null ? null : backend.keys().range()));
        }
        parts.add(new SubtaskCheckpointer.Part(
            uid, subtask, op, null, backend, graph.maxParallelism()));
      } else {
        parts.add(new SubtaskCheckpointer.Part(
            uid, subtask, null, sourceInput, null, graph.maxParallelism()));
      }
    }
    SubtaskCheckpointer checkpointer = null;
    if (checkpointing) {
      checkpointer = new SubtaskCheckpointer(options.coordinator(), options.checkpointIo(),
          options.backend().name(), parts, eventTimeBarriers,
          sourceInput != null && sourceInput.placesBarriersInEventTime());
      checkpointer.setOutputs(networkOutputs);
      if (sourceInput != null) {
        sourceInput.setCheckpoints(checkpointer);
      }
      options.coordinator().register(checkpointer, sourceInput != null);
    }
    BarrierAligner.Handler onAligned = checkpointer != null ? checkpointer : id -> {
      throw new IllegalStateException(
          "unexpected checkpoint barrier " + id + ": checkpointing is not enabled");
    };
    InputDriver input;
    if (sourceInput != null) {
      input = sourceInput;
    } else if (chain.head().isTwoInput()) {
      input = twoInputGate(chain.head(), subtask,
          (TwoInputStreamOperator<?>) operators.get(chain.head()), onAligned);
    } else {
      input = new GateInput(gate(chain.head(), subtask),
          new ChainedOutput(operators.get(chain.head())), onAligned, eventTimeBarriers != null);
    }
    String name = chain.name() + " (" + (subtask + 1) + "/" + chain.parallelism() + ")";
    return new SubtaskTasklet(name, input, ordered, networkOutputs, chain.isBlocking(),
        processingTime, checkpointer, restored, resources);
  }

  /**
   * The watermark a source subtask resumes from: its own at the same parallelism; otherwise the
   * lowest of all old subtasks', since its splits may come from any of them.
   */
  private static long restoredSourceWatermark(OperatorStateReader reader) {
    List<Object> watermarks = reader.sameParallelism()
        ? reader.operatorState(SourceInput.WATERMARK)
        : reader.unionOperatorState(SourceInput.WATERMARK);
    if (watermarks.isEmpty() || !reader.sameParallelism()
        && watermarks.size() < reader.oldParallelism()) {
      return Watermark.NONE; // some old subtask had none: nothing is known for sure
    }
    long min = Long.MAX_VALUE;
    for (Object w : watermarks) {
      min = Math.min(min, (Long) w);
    }
    return min;
  }

  private static void closeQuietly(List<AutoCloseable> resources, Exception failure) {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }

  private KeyedStateBackend keyedState(
      StreamNode node, int subtask, ProcessingTimeService processingTime) {
    if (!node.isKeyed()) {
      return null;
    }
    String uid = node.transformation().uid();
    KeyGroupRange range = KeyGroups.rangeOf(subtask, graph.maxParallelism(), node.parallelism());
    OperatorRestore restore = options.restore() == null ? null : options.restore().operator(uid);
    return OperatorRestore.createKeyedStateBackend(options.backend(),
        new KeyedStateBackendFactory.Parameters(graph.jobName(), uid, subtask, range,
            graph.maxParallelism(), processingTime::now, options.backendConfiguration(),
            options.localStateDirectory().resolve(CheckpointStorage.folderName(graph.jobName()))
                .resolve(CheckpointStorage.folderName(uid) + "-" + subtask + "-"
                    + UUID.randomUUID())),
        restore, node.name() + " (" + (subtask + 1) + "/" + node.parallelism() + ")");
  }

  private Output output(StreamNode node, int subtask, Map<StreamNode, StreamOperator> operators,
      List<NetworkOutput> networkOutputs, OperatorContext context) {
    List<Output> main = new ArrayList<>();
    Map<OutputTag<?>, List<Output>> sides = new HashMap<>();
    for (StreamEdge edge : node.outputs()) {
      Output out;
      if (edge.isChained()) {
        out = new ChainedOutput(operators.get(edge.target()));
      } else {
        NetworkOutput network = networkOutput(edge, subtask);
        networkOutputs.add(network);
        out = network;
      }
      if (edge.sideOutput() == null) {
        main.add(out);
      } else {
        sides.computeIfAbsent(edge.sideOutput(), t -> new ArrayList<>()).add(out);
      }
    }
    Map<OutputTag<?>, Output[]> sideArrays = new HashMap<>();
    sides.forEach((tag, outs) -> sideArrays.put(tag, outs.toArray(new Output[0])));
    return new OutputRouter(context.counters(), main.toArray(new Output[0]), sideArrays);
  }

  private NetworkOutput networkOutput(StreamEdge edge, int subtask) {
    Channel[] row = channels.get(edge)[subtask];
    if (edge.partitioning() == Partitioning.Kind.FORWARD) {
      return new NetworkOutput(new Channel[] {row[subtask]}, null);
    }
    Partitioner partitioner = switch (edge.partitioning()) {
      case REBALANCE -> new RoundRobinPartitioner(row.length, subtask);
      case KEY_GROUPS -> new KeyGroupPartitioner(copySelector(edge.keySelector(), edge.target().name()),
          graph.maxParallelism(), edge.target().parallelism());
      case BROADCAST -> null;
      case FORWARD -> throw new AssertionError("handled above");
    };
    return new NetworkOutput(row, partitioner);
  }

  private InputGate gate(StreamNode head, int subtask) {
    List<Channel> in = new ArrayList<>();
    for (StreamEdge edge : head.inputs()) {
      for (Channel[] row : channels.get(edge)) {
        if (row[subtask] != null) {
          in.add(row[subtask]);
        }
      }
    }
    return new InputGate(in);
  }

  /** The gate of a two-input head, each channel tagged with the input (1 or 2) it feeds. */
  private TwoInputGateInput twoInputGate(StreamNode head, int subtask,
      TwoInputStreamOperator<?> operator, BarrierAligner.Handler onAligned) {
    List<Channel> in = new ArrayList<>();
    List<Integer> inputOf = new ArrayList<>();
    for (StreamEdge edge : head.inputs()) {
      for (Channel[] row : channels.get(edge)) {
        if (row[subtask] != null) {
          in.add(row[subtask]);
          inputOf.add(edge.targetInput());
        }
      }
    }
    int[] inputs = inputOf.stream().mapToInt(Integer::intValue).toArray();
    return new TwoInputGateInput(
        new InputGate(in), inputs, operator, onAligned, eventTimeBarriers != null);
  }

  @SuppressWarnings("unchecked")
  private StreamOperator operator(StreamNode node) {
    if (node.transformation() instanceof SinkTransformation<?> s) {
      return new SinkOperator((Sink<Object>) s.sink(),
          options.twoPhaseSinks().contains(s.uid()));
    }
    if (node.transformation() instanceof TwoInputTransformation<?, ?, ?> two) {
      TwoInputOperatorSpec spec = two.spec();
      Serializable fn = copy(spec.function(), node.name());
      KeySelector<?, ?> k1 = spec.isKeyed() ? copySelector(spec.keySelector1(), node.name()) : null;
      KeySelector<?, ?> k2 = spec.isKeyed() ? copySelector(spec.keySelector2(), node.name()) : null;
      return TwoInputOperatorFactory.create(spec, fn, k1, k2);
    }
    OperatorSpec spec = ((OneInputTransformation<?, ?>) node.transformation()).spec();
    Serializable fn = copy(spec.function(), node.name());
    KeySelector<?, ?> keySelector =
        spec.isKeyed() ? copySelector(spec.keySelector(), node.name()) : null;
    return OperatorFactory.create(spec, fn, keySelector);
  }

  /** A fresh copy of {@code function} for one subtask; serialized once per function. */
  @SuppressWarnings("unchecked")
  private <F extends Serializable> F copy(Serializable function, String operatorName) {
    FunctionCopier.Copies<?> c =
        copies.computeIfAbsent(function, f -> FunctionCopier.of((Serializable) f, operatorName));
    return (F) c.newCopy();
  }

  private KeySelector<Object, Object> copySelector(KeySelector<?, ?> selector, String operatorName) {
    return copy(selector, operatorName);
  }
}
