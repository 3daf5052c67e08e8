package dev.runnel.bench.kafka;

import dev.runnel.api.DataStream;
import dev.runnel.api.JobHandle;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.TumblingEventTimeWindows;
import dev.runnel.bench.CountAggregate;
import dev.runnel.bench.kafka.BenchRecords.Order;
import dev.runnel.bench.kafka.BenchRecords.Total;
import dev.runnel.bench.kafka.BenchRecords.WindowCount;
import dev.runnel.kafka.sink.DeliveryGuarantee;
import dev.runnel.kafka.sink.KafkaSink;
import dev.runnel.kafka.source.KafkaRecordDeserializer;
import dev.runnel.kafka.source.KafkaSource;
import dev.runnel.kafka.source.StartingOffsets;
import java.nio.file.Files;
import java.time.Duration;

/**
 * The benchmark job on Runnel, as its users would write it: a {@link KafkaSource} with JSON
 * through Jackson, the Kafka timestamp as event time with per-partition watermarks, a keyed
 * running total in {@link ValueState}, a one-minute tumbling count, and two exactly-once {@link
 * KafkaSink}s, checkpointing every commit interval.
 */
final class RunnelKafkaEngine implements KafkaBenchEngine {
  @Override
  public String name() {
    return "runnel";
  }

  @Override
  public Running start(Job job) throws Exception {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(job.parallelism());
    env.enableCheckpointing(Duration.ofMillis(job.commitIntervalMs()))
        .setCheckpointDirectory(Files.createTempDirectory("runnel-bench-kafka-chk-"));

    KafkaSource<Order> source = KafkaSource.<Order>builder()
        .bootstrapServers(job.bootstrapServers())
        .topics(job.inputTopic())
        .deserializer(KafkaRecordDeserializer.json(Order.class))
        .startingOffsets(StartingOffsets.earliest())
        .build();
    DataStream<Order> orders = env.fromSource(source,
        WatermarkStrategy.<Order>forMonotonousTimestamps(), "orders");

    long threshold = job.threshold();
    orders.keyBy(Order::customerId)
        .process(new RunningTotal(threshold))
        .name("running-total")
        .uid("running-total")
        .sinkTo(sink(job, job.totalsTopic(), Total::customerId));

    orders.keyBy(Order::customerId)
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(BenchOrders.WINDOW_MS)))
        .aggregate(new CountAggregate<Order>(), new ToWindowCount())
        .name("minute-count")
        .uid("minute-count")
        .sinkTo(sink(job, job.countsTopic(), WindowCount::customerId));

    JobHandle handle = env.executeAsync("bench-runnel-" + job.runId());
    return () -> {
      handle.cancel();
      handle.await(Duration.ofSeconds(30));
    };
  }

  private static <T> KafkaSink<T> sink(Job job, String topic,
      java.util.function.Function<T, String> key) {
    return KafkaSink.<T>builder()
        .bootstrapServers(job.bootstrapServers())
        .topic(topic)
        .key(key)
        .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .transactionalIdPrefix("bench-" + topic)
        .build();
  }

  /** The customer's running total after each order, flagged above the threshold. */
  static final class RunningTotal extends KeyedProcessFunction<String, Order, Total> {
    private static final long serialVersionUID = 1L;
    private final long threshold;
    private transient ValueState<Long> total;

    RunningTotal(long threshold) {
      this.threshold = threshold;
    }

    @Override
    public void open(RuntimeContext context) {
      total = context.getState(new ValueStateDescriptor<>("total", Long.class));
    }

    @Override
    public void processElement(Order order, Context<String> ctx, Collector<Total> out)
        throws Exception {
      Long before = total.value();
      long sum = (before == null ? 0 : before) + order.amount();
      total.update(sum);
      out.collect(new Total(order.customerId(), sum, sum > threshold, order.timestamp()));
    }
  }

  /** Adds the customer and the window's start to its count. */
  static final class ToWindowCount
      extends ProcessWindowFunction<Long, WindowCount, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(String customer, Context<TimeWindow> ctx, Iterable<Long> counts,
        Collector<WindowCount> out) {
      for (long c : counts) {
        out.collect(new WindowCount(customer, ctx.window().start(), c));
      }
    }
  }
}
