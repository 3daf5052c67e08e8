package dev.runnel.bench.nexmark;

import dev.runnel.api.DataStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.bench.nexmark.NexmarkBenchmark.UsageException;
import dev.runnel.bench.nexmark.flink.FlinkQueries;
import dev.runnel.bench.nexmark.flink.NexmarkFlinkSource;
import dev.runnel.nexmark.NexmarkQueries;
import dev.runnel.nexmark.generator.GeneratorConfig;
import dev.runnel.nexmark.generator.NexmarkSource;
import dev.runnel.nexmark.model.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The latency mode of the NEXMark harness ({@code runnel-bench nexmark --latency}): runs q5 and/or
 * q7 on each engine over a rate-limited source for a fixed wall-clock time, with event time
 * advancing at the same pace as wall-clock time ({@code firstEventRate} = the rate), and measures
 * per window result the time from the moment the sources' watermark passed the window's end
 * (reached {@code end - 1}: see {@link LatencyLog}) to the moment the result reached the sink.
 *
 * <p>Both engines use the standard bounded out-of-orderness of 4 s, so a window fires about 4 s
 * (plus up to one watermark interval) after its end in wall-clock time; that wait is the
 * definition of the watermark, not latency. The periodic watermark interval is set to 200 ms on
 * both (it is also both engines' default).
 */
final class LatencyBenchmark {
  /** Max throughputs measured at 20 M events, parallelism 2 (docs/benchmarks.md), events/s. */
  static final Map<String, Double> MEASURED_MAX = Map.of("q5", 3.33e6, "q7", 15.24e6);

  static final Duration WATERMARK_INTERVAL = Duration.ofMillis(200);

  static final String USAGE = """
      usage: runnel-bench nexmark --latency [options]
        --query Q            q5, q7 or q5,q7 (default q5,q7)
        --rate R             events/s of wall-clock time: a number for every query or a list
                             such as q5=1650000,q7=7600000 (k and M suffixes allowed);
                             default: half of --max-rate
        --max-rate R         the query's max throughput, same form (default: measured
                             q5=3.33M,q7=15.24M at 20 M events, parallelism 2)
        --seconds S          wall-clock seconds of each measured run (default 60)
        --warmup-seconds W   an unmeasured run of W seconds first, per engine and query (default
                             10; 0 for none)
        --parallelism P      (default 2)
        --engines LIST       comma list of runnel, flink (default runnel,flink)
        --report FILE.md     append the table to this Markdown file
      Event time advances at the rate (firstEventRate = rate), so event time keeps pace with
      wall-clock time when the engine keeps up. Each source stops after S seconds or rate x S
      events. Latency = sink arrival - the moment the sources' watermark (the minimum over source
      subtasks) first reached window end - 1 ms; watermark interval 200 ms on both engines.
      """;

  private LatencyBenchmark() {}

  /** Options of the latency mode. */
  record Options(List<String> queries, Map<String, Double> rates, int seconds, int warmupSeconds,
      int parallelism, List<String> engines, Path report) {

    static Options parse(String[] args) {
      List<String> queries = List.of("q5", "q7");
      Map<String, Double> rates = Map.of();
      Map<String, Double> maxRates = MEASURED_MAX;
      int seconds = 60;
      int warmup = 10;
      int parallelism = 2;
      List<String> engines = List.of("runnel", "flink");
      Path report = null;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String value = null;
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
          value = arg.substring(eq + 1);
          arg = arg.substring(0, eq);
        }
        if (arg.equals("--latency")) {
          continue;
        }
        if (arg.equals("-h") || arg.equals("--help")) {
          throw new UsageException(null);
        }
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new UsageException(arg + " needs a value");
          }
          value = args[++i];
        }
        switch (arg) {
          case "--query", "--queries" -> {
            queries = new ArrayList<>();
            for (String q : value.split(",")) {
              String name = q.trim().toLowerCase(Locale.ROOT);
              name = name.startsWith("q") ? name : "q" + name;
              if (!name.equals("q5") && !name.equals("q7")) {
                throw new UsageException("the latency mode measures q5 and q7, not " + q);
              }
              queries.add(name);
            }
          }
          case "--rate" -> rates = parseRates(arg, value);
          case "--max-rate" -> maxRates = parseRates(arg, value);
          case "--seconds" -> seconds = (int) parsePositive(arg, value);
          case "--warmup-seconds" -> warmup = (int) Math.max(0, parseNumber(arg, value));
          case "--parallelism" -> parallelism = (int) parsePositive(arg, value);
          case "--engines" -> {
            engines = new ArrayList<>();
            for (String e : value.split(",")) {
              String name = e.trim().toLowerCase(Locale.ROOT);
              if (!name.equals("runnel") && !name.equals("flink")) {
                throw new UsageException("unknown engine " + e + "; known: runnel, flink");
              }
              engines.add(name);
            }
          }
          case "--report" -> report = Path.of(value);
          default -> throw new UsageException("unknown option in --latency mode: " + args[i]);
        }
      }
      Map<String, Double> chosen = new LinkedHashMap<>();
      for (String q : queries) {
        Double rate = rates.containsKey("*") ? rates.get("*") : rates.get(q);
        if (rate == null) {
          Double max = maxRates.containsKey("*") ? maxRates.get("*") : maxRates.get(q);
          if (max == null) {
            throw new UsageException("no --rate or --max-rate for " + q);
          }
          rate = max / 2;
        }
        chosen.put(q, rate);
      }
      return new Options(List.copyOf(queries), chosen, seconds, warmup, parallelism,
          List.copyOf(engines), report);
    }

    /** {@code 1650000}, {@code 1.65M} (all queries, key "*") or {@code q5=1.65M,q7=7.6M}. */
    static Map<String, Double> parseRates(String option, String value) {
      Map<String, Double> rates = new LinkedHashMap<>();
      for (String part : value.split(",")) {
        int eq = part.indexOf('=');
        String key = eq < 0 ? "*" : part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        rates.put(key, parsePositive(option, part.substring(eq + 1).trim()));
      }
      return rates;
    }

    private static double parsePositive(String option, String value) {
      double v = parseNumber(option, value);
      if (!(v > 0)) {
        throw new UsageException(option + " must be positive");
      }
      return v;
    }

    private static double parseNumber(String option, String value) {
      String v = value.replace("_", "");
      double scale = 1;
      if (v.endsWith("M") || v.endsWith("m")) {
        scale = 1e6;
        v = v.substring(0, v.length() - 1);
      } else if (v.endsWith("k") || v.endsWith("K")) {
        scale = 1e3;
        v = v.substring(0, v.length() - 1);
      }
      try {
        return Double.parseDouble(v) * scale;
      } catch (NumberFormatException e) {
        throw new UsageException(option + " wants a number, not " + value);
      }
    }
  }

  /** One measured run: the latencies and how far the engine kept pace. */
  record Measured(String query, String engine, double rate, LatencyStats stats,
      long[] behindScheduleNanos, double wallSeconds, double eventSeconds) {}

  static int run(Options options) throws Exception {
    System.out.printf(Locale.ROOT,
        "NEXMark latency: %s, parallelism %d, engines %s, %d s per run after a %d s warm-up run,"
            + " watermark interval %d ms on both engines, bounded out-of-orderness %d s%n%s,"
            + " %d cores, max heap %d MiB%n%n",
        String.join(",", options.queries()), options.parallelism(),
        String.join(",", options.engines()), options.seconds(), options.warmupSeconds(),
        WATERMARK_INTERVAL.toMillis(), RecordingWatermarks.BOUND.toSeconds(), Runtime.version(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    List<Measured> all = new ArrayList<>();
    for (String query : options.queries()) {
      double rate = options.rates().get(query);
      for (String engine : options.engines()) {
        if (options.warmupSeconds() > 0) {
          Measured w = runOnce(engine, query, rate, options.warmupSeconds(),
              options.parallelism());
          System.out.printf(Locale.ROOT, "  %s warm-up %-6s %s%n", query, engine, brief(w));
        }
        Measured m = runOnce(engine, query, rate, options.seconds(), options.parallelism());
        System.out.printf(Locale.ROOT, "  %s run     %-6s %s%n", query, engine, brief(m));
        all.add(m);
      }
    }
    String table = table(all);
    System.out.printf("%n%s", table);
    if (options.report() != null) {
      appendReport(options, table);
      System.out.println("report: " + options.report());
    }
    return 0;
  }

  static Measured runOnce(String engine, String query, double rate, int seconds, int parallelism)
      throws Exception {
    GeneratorConfig config = GeneratorConfig.defaults().toBuilder()
        .firstEventRate(Math.max(1, Math.round(rate)))
        .eventCount(Math.max(1, Math.round(rate * seconds)))
        .build();
    long maxWall = seconds * 1_000_000_000L;
    LatencyLog.reset();
    RunProbe.reset();
    if (engine.equals("runnel")) {
      StreamEnvironment env = StreamEnvironment.create().setParallelism(parallelism)
          .setWatermarkInterval(WATERMARK_INTERVAL);
      DataStream<Event> events = env.fromSource(
          new ProbedSource<>(new NexmarkSource(config, rate), maxWall),
          RecordingWatermarks.runnel(), "Nexmark");
      NexmarkQueries.get(query).build(events).sinkTo(new RunnelLatencySink<>());
      env.execute("nexmark-latency-" + query);
    } else {
      Configuration conf = new Configuration();
      conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, WATERMARK_INTERVAL);
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
      env.getConfig().enableObjectReuse();
      org.apache.flink.streaming.api.datastream.DataStream<Event> events = env.fromSource(
          new NexmarkFlinkSource(config, rate, maxWall), RecordingWatermarks.flink(), "Nexmark");
      attachFlinkSink(FlinkQueries.build(query, events));
      env.execute("nexmark-latency-" + query);
    }
    long end = System.nanoTime();
    long start = RunProbe.firstEventNanos();
    List<LatencyLog.Channel> channels = LatencyLog.channels();
    if (channels.size() != parallelism) {
      System.out.printf(Locale.ROOT, "  note: %d watermark generators created, %d recorded"
          + " watermarks (expected %d source subtasks)%n", LatencyLog.created(), channels.size(),
          parallelism);
    }
    long[][] results = LatencyLog.results();
    LatencyStats stats = LatencyStats.compute(channels, results[0], results[1]);
    long[] behind = LatencyStats.behindSchedule(channels, results[0], results[1], start,
        config.baseTime(), RecordingWatermarks.BOUND.toMillis());
    long lastWatermark = Long.MAX_VALUE;
    for (LatencyLog.Channel c : channels) {
      lastWatermark = Math.min(lastWatermark, c.last());
    }
    double eventSeconds = channels.isEmpty() ? 0
        : (lastWatermark + 1 + RecordingWatermarks.BOUND.toMillis() - config.baseTime()) / 1e3;
    return new Measured(query, engine, rate, stats, behind, (end - start) / 1e9, eventSeconds);
  }

  private static <T> void attachFlinkSink(
      org.apache.flink.streaming.api.datastream.DataStream<T> results) {
    results.sinkTo(new FlinkLatencySink<T>()).name("Latency");
  }

  private static String brief(Measured m) {
    LatencyStats s = m.stats();
    return String.format(Locale.ROOT,
        "rate %.2f M/s  results %d (%d windows, %d flushed at end)  p50 %.1f  p99 %.1f"
            + "  p99.9 %.1f  max %.1f ms  behind schedule p50 %.1f max %.1f ms  event time %.1f s"
            + " in %.1f s wall",
        m.rate() / 1e6, s.results(), s.windows(), s.flushed(), s.p50Millis(), s.p99Millis(),
        s.p999Millis(), s.maxMillis(), LatencyStats.percentile(m.behindScheduleNanos(), 50) / 1e6,
        LatencyStats.percentile(m.behindScheduleNanos(), 100) / 1e6, m.eventSeconds(),
        m.wallSeconds());
  }

  /** The results as a Markdown table. */
  static String table(List<Measured> all) {
    StringBuilder md = new StringBuilder();
    md.append("| query | engine | rate M events/s | results (windows) | p50 ms | p99 ms | p99.9 ms"
        + " | max ms | behind schedule p50 / max ms | event time s / wall s |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Measured m : all) {
      LatencyStats s = m.stats();
      md.append(String.format(Locale.ROOT,
          "| %s | %s | %.2f | %d (%d) | %.1f | %.1f | %.1f | %.1f | %.0f / %.0f | %.1f / %.1f |%n",
          m.query(), m.engine(), m.rate() / 1e6, s.results(), s.windows(), s.p50Millis(),
          s.p99Millis(), s.p999Millis(), s.maxMillis(),
          LatencyStats.percentile(m.behindScheduleNanos(), 50) / 1e6,
          LatencyStats.percentile(m.behindScheduleNanos(), 100) / 1e6, m.eventSeconds(),
          m.wallSeconds()));
    }
    return md.toString();
  }

  private static void appendReport(Options options, String table) throws IOException {
    String text = String.format(Locale.ROOT,
        "%nNEXMark latency, %s, parallelism %d, %d s per run after a %d s warm-up run, watermark"
            + " interval %d ms, Java %s, %d cores, max heap %d MiB.%n%n%s",
        NexmarkBenchmark.today(), options.parallelism(), options.seconds(),
        options.warmupSeconds(), WATERMARK_INTERVAL.toMillis(), Runtime.version(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, table);
    Path parent = options.report().toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(options.report(), text, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
