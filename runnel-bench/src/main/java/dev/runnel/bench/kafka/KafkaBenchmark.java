package dev.runnel.bench.kafka;

import dev.runnel.bench.kafka.BenchRecords.Order;
import dev.runnel.kafka.broker.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runnel against Kafka Streams on the same job, Kafka topic in, Kafka topic out, exactly-once on
 * both, on the same broker and the same input, engines alternated in one run, outputs checked
 * against an answer computed here. Then end-to-end latency (order produced → its total visible to
 * a {@code read_committed} consumer) at a fixed rate, by default half of Runnel's measured
 * throughput. See runnel-bench/README.md, "Kafka against Kafka Streams".
 */
public final class KafkaBenchmark {
  static final String USAGE = """
      usage: runnel-bench kafka [options]
        --events N             orders in the throughput runs (default 1000000)
        --keys N               customers (default 10000)
        --partitions N         partitions of every topic (default 4)
        --parallelism N        Runnel's parallelism and Kafka Streams' stream threads (default 2)
        --runs N               measured runs per engine, alternated (default 3; one warm-up each before)
        --engines LIST         runnel,kafka-streams (default both)
        --threshold CENTS      a total above it is flagged as an alert (default 5000000)
        --commit-interval MS   Runnel's checkpoint interval, Kafka Streams' commit.interval.ms (default 100)
        --latency-rate N       orders/s in the latency runs (default: half of Runnel's throughput; 0 skips them)
        --latency-seconds N    length of each latency run, after 5 s of warm-up (default 20)
        --bootstrap-servers A  an existing Kafka (default: an embedded broker in this JVM)
      """;

  private KafkaBenchmark() {}

  record Options(long events, int keys, int partitions, int parallelism, int runs,
      List<String> engines, long threshold, long commitIntervalMs, long latencyRate,
      int latencySeconds, String bootstrapServers) {

    static Options parse(String[] args) {
      Map<String, String> v = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--help") || a.equals("-h")) {
          throw new IllegalArgumentException((String) null);
        }
        if (!a.startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --option VALUE, got '" + a + "'");
        }
        v.put(a.substring(2), args[++i]);
      }
      Options o = new Options(
          Long.parseLong(v.getOrDefault("events", "1000000")),
          Integer.parseInt(v.getOrDefault("keys", "10000")),
          Integer.parseInt(v.getOrDefault("partitions", "4")),
          Integer.parseInt(v.getOrDefault("parallelism", "2")),
          Integer.parseInt(v.getOrDefault("runs", "3")),
          List.of(v.getOrDefault("engines", "runnel,kafka-streams").split(",")),
          Long.parseLong(v.getOrDefault("threshold", "5000000")),
          Long.parseLong(v.getOrDefault("commit-interval", "100")),
          Long.parseLong(v.getOrDefault("latency-rate", "-1")),
          Integer.parseInt(v.getOrDefault("latency-seconds", "20")),
          v.get("bootstrap-servers"));
      for (String k : v.keySet()) {
        if (!List.of("events", "keys", "partitions", "parallelism", "runs", "engines", "threshold",
            "commit-interval", "latency-rate", "latency-seconds", "bootstrap-servers").contains(k)) {
          throw new IllegalArgumentException("unknown option --" + k);
        }
      }
      for (String e : o.engines()) {
        if (!e.equals("runnel") && !e.equals("kafka-streams")) {
          throw new IllegalArgumentException("unknown engine '" + e + "' (runnel, kafka-streams)");
        }
      }
      return o;
    }
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null) {
        System.err.println("runnel-bench kafka: " + e.getMessage());
      }
      System.err.print(USAGE);
      System.exit(e.getMessage() == null ? 0 : 2);
      return;
    }
    EmbeddedKafkaBroker broker = null;
    String bootstrap = options.bootstrapServers();
    if (bootstrap == null) {
      broker = EmbeddedKafkaBroker.builder().start();
      bootstrap = broker.bootstrapServers();
    }
    try {
      System.exit(run(options, bootstrap));
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  static int run(Options o, String bootstrap) throws Exception {
    Map<String, KafkaBenchEngine> engines = new LinkedHashMap<>();
    for (String name : o.engines()) {
      engines.put(name, name.equals("runnel") ? new RunnelKafkaEngine() : new KafkaStreamsEngine());
    }
    System.out.printf(Locale.ROOT,
        "Kafka benchmark: %,d orders, %,d customers, %d partitions, parallelism %d, commit"
            + " interval %d ms, engines %s, 1 warm-up + %d measured runs each%n%s, %d cores,"
            + " max heap %d MiB, broker %s%n%n",
        o.events(), o.keys(), o.partitions(), o.parallelism(), o.commitIntervalMs(),
        String.join(",", engines.keySet()), o.runs(), Runtime.version(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        bootstrap);

    BenchOrders orders = new BenchOrders(o.keys(), 42);
    String input = "bench-orders-" + System.currentTimeMillis();
    createTopics(bootstrap, o.partitions(), input);
    long producedIn = produce(bootstrap, input, orders, o.events());
    System.out.printf(Locale.ROOT, "input: %,d orders written to %s in %.1f s%n", o.events(),
        input, producedIn / 1e9);
    BenchOrders.Expected expected = orders.expected(o.events());

    Map<String, List<Double>> rates = new LinkedHashMap<>();
    boolean wrong = false;
    int runNumber = 0;
    for (int round = 0; round <= o.runs(); round++) {
      List<KafkaBenchEngine> order = new ArrayList<>(engines.values());
      if (round % 2 == 1) {
        java.util.Collections.reverse(order); // neither engine always runs on a warmer machine
      }
      for (KafkaBenchEngine engine : order) {
        String id = engine.name() + "-" + (runNumber++) + "-" + System.currentTimeMillis();
        ThroughputRun result = throughputRun(engine, bootstrap, input, id, o, expected);
        boolean warmUp = round == 0;
        System.out.printf(Locale.ROOT,
            "%-13s %s %,10.0f orders/s  (%.2f s from start, %.2f s from first to last output)"
                + "  output %s%n",
            engine.name(), warmUp ? "warm-up " : "run " + round + "   ", result.rate(),
            result.seconds(), result.steadySeconds(), result.verdict());
        if (!result.correct()) {
          wrong = true;
        }
        if (!warmUp) {
          rates.computeIfAbsent(engine.name(), k -> new ArrayList<>()).add(result.rate());
        }
      }
    }
    System.out.println();
    System.out.println("| engine | orders/s (median of " + o.runs() + ") | runs |");
    System.out.println("|---|---:|---|");
    Map<String, Double> medians = new LinkedHashMap<>();
    for (var e : rates.entrySet()) {
      double median = median(e.getValue());
      medians.put(e.getKey(), median);
      System.out.printf(Locale.ROOT, "| %s | %,.0f | %s |%n", e.getKey(), median,
          e.getValue().stream().map(r -> String.format(Locale.ROOT, "%,.0f", r)).toList());
    }
    if (medians.containsKey("runnel") && medians.containsKey("kafka-streams")) {
      System.out.printf(Locale.ROOT, "%nRunnel / Kafka Streams throughput: %.2f×%n",
          medians.get("runnel") / medians.get("kafka-streams"));
    }

    long rate = o.latencyRate();
    if (rate < 0) {
      rate = medians.containsKey("runnel") ? Math.round(medians.get("runnel") / 2) : 0;
    }
    if (rate > 0) {
      System.out.printf(Locale.ROOT, "%nLatency at %,d orders/s, %d s after 5 s of warm-up"
          + " (order produced → its total visible to a read_committed consumer):%n%n", rate,
          o.latencySeconds());
      System.out.println("| engine | p50 ms | p99 ms | p99.9 ms | max ms | totals seen |");
      System.out.println("|---|---:|---:|---:|---:|---:|");
      for (KafkaBenchEngine engine : engines.values()) {
        Histogram h = latencyRun(engine, bootstrap, o, rate);
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %,d |%n", engine.name(),
            h.getValueAtPercentile(50), h.getValueAtPercentile(99),
            h.getValueAtPercentile(99.9), h.getMaxValue(), h.getTotalCount());
      }
    }
    if (wrong) {
      System.out.println("\nSOME OUTPUT WAS WRONG: see the runs above");
      return 1;
    }
    return 0;
  }

  record ThroughputRun(double seconds, double rate, double steadySeconds, boolean correct,
      String verdict) {}

  static ThroughputRun throughputRun(KafkaBenchEngine engine, String bootstrap,
      String input, String id, Options o, BenchOrders.Expected expected) throws Exception {
    String totals = "totals-" + id;
    String counts = "counts-" + id;
    createTopics(bootstrap, o.partitions(), totals, counts);
    // Windows that close on every partition before the input ends: with uniformly spread keys
    // each partition's last order is within a few ms of the newest one, one second is ample.
    long closedBefore = expected.lastTimestamp() - 1_000;
    Map<BenchOrders.WindowKey, Long> mustClose = new LinkedHashMap<>();
    expected.counts().forEach((k, v) -> {
      if (k.windowStart() + BenchOrders.WINDOW_MS <= closedBefore) {
        mustClose.put(k, v);
      }
    });
    try (OutputWatcher watcher = new OutputWatcher(bootstrap, totals, counts, o.partitions(),
        false)) {
      long start = System.nanoTime();
      KafkaBenchEngine.Running running = engine.start(new KafkaBenchEngine.Job(bootstrap, input,
          totals, counts, id, o.parallelism(), o.threshold(), o.commitIntervalMs()));
      boolean complete;
      try {
        complete = watcher.waitFor(() -> watcher.totalCount() >= o.events(),
            Duration.ofMinutes(10));
        watcher.waitFor(() -> watcher.countCount() >= mustClose.size(), Duration.ofSeconds(30));
      } finally {
        running.close();
      }
      // From the engine's start to its last total: start-up (Kafka Streams joins a consumer
      // group, Runnel recovers its sinks' transactions) counts, as it does for a user's job.
      double seconds = (watcher.lastTotalNanos() - start) / 1e9;
      double steadySeconds = (watcher.lastTotalNanos() - watcher.firstTotalNanos()) / 1e9;
      List<String> problems = new ArrayList<>();
      if (!complete) {
        problems.add("only " + watcher.totalCount() + " of " + o.events() + " totals");
      }
      Map<String, SequenceFingerprint> seen = watcher.totals();
      long wrongKeys = expected.totals().entrySet().stream()
          .filter(e -> !e.getValue().equals(seen.get(e.getKey()))).count();
      if (wrongKeys > 0 || seen.size() != expected.totals().size()) {
        problems.add(wrongKeys + " customers with other totals than expected");
      }
      Map<BenchOrders.WindowKey, Long> countsSeen = watcher.counts();
      long missing = mustClose.keySet().stream().filter(k -> !countsSeen.containsKey(k)).count();
      long wrongCounts = countsSeen.entrySet().stream()
          .filter(e -> !e.getValue().equals(expected.counts().get(e.getKey()))).count();
      if (missing > 0) {
        problems.add(missing + " closed windows missing");
      }
      if (wrongCounts > 0) {
        problems.add(wrongCounts + " window counts wrong");
      }
      if (!watcher.duplicates().isEmpty()) {
        problems.add(watcher.duplicates().size() + " windows written twice");
      }
      String verdict = problems.isEmpty()
          ? String.format(Locale.ROOT, "equal to the expected (%,d totals, %,d windows)",
              watcher.totalCount(), countsSeen.size())
          : "WRONG: " + String.join("; ", problems);
      return new ThroughputRun(seconds, o.events() / seconds, steadySeconds, problems.isEmpty(),
          verdict);
    }
  }

  private static Histogram latencyRun(KafkaBenchEngine engine, String bootstrap, Options o,
      long rate) throws Exception {
    String id = engine.name() + "-latency-" + System.currentTimeMillis();
    String input = "orders-" + id;
    String totals = "totals-" + id;
    String counts = "counts-" + id;
    createTopics(bootstrap, o.partitions(), input, totals, counts);
    BenchOrders.Cursor cursor = new BenchOrders(o.keys(), 7).cursor();
    try (OutputWatcher watcher = new OutputWatcher(bootstrap, totals, counts, o.partitions(), true);
        KafkaProducer<String, byte[]> producer = producer(bootstrap, false)) {
      KafkaBenchEngine.Running running = engine.start(new KafkaBenchEngine.Job(bootstrap, input,
          totals, counts, id, o.parallelism(), o.threshold(), o.commitIntervalMs()));
      try {
        long total = rate * (5 + o.latencySeconds());
        long warmUp = rate * 5;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
          long due = start + (long) (i * 1e9 / rate);
          long wait = due - System.nanoTime();
          if (wait > 50_000) {
            LockSupport.parkNanos(wait);
          }
          if (i == warmUp) {
            watcher.measureFrom(System.currentTimeMillis());
          }
          Order next = cursor.next();
          Order live = new Order(next.customerId(), next.amount(), System.currentTimeMillis());
          producer.send(new ProducerRecord<>(input, null, live.timestamp(), live.customerId(),
              BenchRecords.JSON.writeValueAsBytes(live)));
        }
        producer.flush();
        if (!watcher.waitFor(() -> watcher.totalCount() >= total, Duration.ofSeconds(60))) {
          System.err.printf("  %s: only %,d of %,d totals arrived in the latency run%n",
              engine.name(), watcher.totalCount(), total);
        }
      } finally {
        running.close();
      }
      return watcher.latency();
    }
  }

  static long produce(String bootstrap, String topic, BenchOrders orders, long events)
      throws Exception {
    long start = System.nanoTime();
    BenchOrders.Cursor cursor = orders.cursor();
    try (KafkaProducer<String, byte[]> producer = producer(bootstrap, true)) {
      for (long i = 0; i < events; i++) {
        Order o = cursor.next();
        producer.send(new ProducerRecord<>(topic, null, o.timestamp(), o.customerId(),
            BenchRecords.JSON.writeValueAsBytes(o)));
      }
      producer.flush();
    }
    return System.nanoTime() - start;
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap, boolean bulk) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, bulk ? "20" : "0");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, bulk ? "262144" : "16384");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  static void createTopics(String bootstrap, int partitions, String... names)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      List<NewTopic> topics = new ArrayList<>();
      for (String name : names) {
        topics.add(new NewTopic(name, partitions, (short) 1));
      }
      admin.createTopics(topics).all().get();
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
