package dev.runnel.bench.nexmark;

import dev.runnel.nexmark.generator.GeneratorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side NEXMark harness: runs the same queries over the same generated events on
 * Runnel and on Apache Flink (an in-process MiniCluster), in this JVM, and prints per engine the
 * throughput (median and spread over the repetitions), the start-up time, the peak heap, the
 * output count and the output's order-independent checksum. The generator alone (plain threads,
 * no engine) gives the ceiling no query can beat on this machine.
 *
 * <p>{@code bin/runnel-bench nexmark --query q5 --events 20000000 --parallelism 2 --engines
 * runnel,flink}
 */
public final class NexmarkBenchmark {
  static final List<String> ALL_QUERIES =
      List.of("q0", "q1", "q2", "q3", "q4", "q5", "q7", "q8", "q9", "q11", "q12");

  private static final String USAGE = """
      usage: runnel-bench nexmark [options]
        --query Q          a query (q0 q1 q2 q3 q4 q5 q7 q8 q9 q11 q12), a comma list, or all
                           (default q5)
        --events N         events per run (default 20000000)
        --parallelism P    parallelism of both engines (default 2)
        --engines LIST     comma list of runnel, flink, runnel-deterministic (default
                           runnel,flink)
        --repetitions R    measured runs per engine and query, after one warm-up run each
                           (default 5); the engines alternate run by run
        --warmups W        warm-up runs per engine and query (default 1)
        --no-ceiling       skip the generator-alone ceiling
        --chart FILE.svg   write a bar chart of the medians
        --report FILE.md   write the results as Markdown tables
        --latency          measure latency instead (q5, q7 at a fixed rate; --latency --help)
      Throughput is events / (last sink end - first source event); start-up is submit to first
      event. Peak heap is sampled every 5 ms and at each GC.
      """;

  private NexmarkBenchmark() {}

  /** Parsed command-line options. */
  record Options(List<String> queries, long events, int parallelism, List<String> engines,
      int repetitions, int warmups, boolean ceiling, Path chart, Path report) {

    static Options parse(String[] args) {
      List<String> queries = List.of("q5");
      long events = 20_000_000;
      int parallelism = 2;
      List<String> engines = List.of("runnel", "flink");
      int repetitions = 5;
      int warmups = 1;
      boolean ceiling = true;
      Path chart = null;
      Path report = null;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String value = null;
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
          value = arg.substring(eq + 1);
          arg = arg.substring(0, eq);
        }
        switch (arg) {
          case "-h", "--help" -> throw new UsageException(null);
          case "--no-ceiling" -> ceiling = false;
          case "--query", "--queries", "--events", "--parallelism", "--engines", "--repetitions",
              "--warmups", "--chart", "--report" -> {
            if (value == null) {
              if (i + 1 >= args.length) {
                throw new UsageException(arg + " needs a value");
              }
              value = args[++i];
            }
            switch (arg) {
              case "--query", "--queries" -> queries = parseQueries(value);
              case "--events" -> events = parseLong(arg, value.replace("_", ""), 1);
              case "--parallelism" -> parallelism = (int) parseLong(arg, value, 1);
              case "--engines" -> engines = parseEngines(value);
              case "--repetitions" -> repetitions = (int) parseLong(arg, value, 1);
              case "--warmups" -> warmups = (int) parseLong(arg, value, 0);
              case "--chart" -> chart = Path.of(value);
              case "--report" -> report = Path.of(value);
              default -> throw new AssertionError(arg);
            }
          }
          default -> throw new UsageException("unknown option " + args[i]);
        }
      }
      return new Options(queries, events, parallelism, engines, repetitions, warmups, ceiling,
          chart, report);
    }

    private static List<String> parseQueries(String value) {
      if (value.equalsIgnoreCase("all")) {
        return ALL_QUERIES;
      }
      List<String> result = new ArrayList<>();
      for (String q : value.split(",")) {
        String name = q.trim().toLowerCase(Locale.ROOT);
        if (!name.startsWith("q")) {
          name = "q" + name;
        }
        if (!ALL_QUERIES.contains(name)) {
          throw new UsageException("unknown query " + q + "; known: " + ALL_QUERIES);
        }
        result.add(name);
      }
      return List.copyOf(result);
    }

    private static List<String> parseEngines(String value) {
      List<String> result = new ArrayList<>();
      for (String e : value.split(",")) {
        String name = e.trim().toLowerCase(Locale.ROOT);
        if (!name.equals("runnel") && !name.equals("flink")
            && !name.equals(RunnelEngine.DETERMINISTIC)) {
          throw new UsageException("unknown engine " + e + "; known: runnel, flink, "
              + RunnelEngine.DETERMINISTIC);
        }
        result.add(name);
      }
      return List.copyOf(result);
    }

    private static long parseLong(String option, String value, long min) {
      try {
        long v = Long.parseLong(value);
        if (v < min) {
          throw new UsageException(option + " must be at least " + min);
        }
        return v;
      } catch (NumberFormatException e) {
        throw new UsageException(option + " wants a number, not " + value);
      }
    }
  }

  /** A command-line mistake; a null message prints the usage only. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** All measured runs of one query. */
  record QueryResults(String query, Map<String, List<RunResult>> runs,
      Map<String, RunResult> checked) {

    /** True if both engines ran and their checksum runs gave the same count and checksum. */
    boolean engineOutputsEqual() {
      RunResult r = checked.get("runnel");
      RunResult f = checked.get("flink");
      return r != null && f != null && r.outputCount() == f.outputCount()
          && r.checksum().equals(f.checksum());
    }
  }

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--latency")) {
      LatencyBenchmark.Options latency;
      try {
        latency = LatencyBenchmark.Options.parse(args);
      } catch (UsageException e) {
        if (e.getMessage() != null) {
          System.err.println("runnel-bench nexmark: " + e.getMessage());
        }
        System.err.print(LatencyBenchmark.USAGE);
        System.exit(e.getMessage() == null ? 0 : 2);
        return;
      }
      System.exit(LatencyBenchmark.run(latency));
      return;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (UsageException e) {
      if (e.getMessage() != null) {
        System.err.println("runnel-bench nexmark: " + e.getMessage());
      }
      System.err.print(USAGE);
      System.exit(e.getMessage() == null ? 0 : 2);
      return;
    }
    int status = run(options);
    System.exit(status);
  }

  static int run(Options options) throws Exception {
    GeneratorConfig config = GeneratorConfig.defaults().withEventCount(options.events());
    Map<String, Engine> engines = new LinkedHashMap<>();
    for (String name : options.engines()) {
      engines.put(name, switch (name) {
        case "runnel" -> new RunnelEngine(false);
        case RunnelEngine.DETERMINISTIC -> new RunnelEngine(true);
        default -> new FlinkEngine();
      });
    }
    System.out.printf(Locale.ROOT,
        "NEXMark: %s, %,d events, parallelism %d, engines %s, %d warm-up + %d measured runs"
            + " each%n%s, %d cores, max heap %d MiB%n%n",
        String.join(",", options.queries()), options.events(), options.parallelism(),
        String.join(",", options.engines()), options.warmups(), options.repetitions(),
        Runtime.version(), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);

    // The generator alone runs once per repetition of every query, between the engines' runs,
    // so that it sees the same conditions (JIT, other load on the machine) as they do.
    List<RunResult> ceiling = new ArrayList<>();
    GeneratorCeiling generator = options.ceiling() ? new GeneratorCeiling() : null;
    if (generator != null) {
      for (int i = 0; i < Math.max(1, options.warmups()); i++) {
        measure(generator, "-", config, options.parallelism(), false);
      }
    }

    boolean wrong = false;
    List<QueryResults> all = new ArrayList<>();
    for (String query : options.queries()) {
      Map<String, List<RunResult>> runs = new LinkedHashMap<>();
      for (String name : engines.keySet()) {
        runs.put(name, new ArrayList<>());
      }
      // The first warm-up run of each engine also computes the output's checksum (hashing the
      // string form of every result costs more than some queries); measured runs only count.
      Map<String, RunResult> checked = new LinkedHashMap<>();
      for (int w = 0; w < Math.max(1, options.warmups()); w++) {
        for (Engine engine : engines.values()) {
          boolean checksum = w == 0;
          RunResult result = measure(engine, query, config, options.parallelism(), checksum);
          System.out.printf(Locale.ROOT, "  %s %s %-6s %s%n", query,
              checksum ? "checksum" : "warm-up ", engine.name(), brief(result));
          if (checksum) {
            checked.put(engine.name(), result);
          }
        }
      }
      List<Engine> order = new ArrayList<>(engines.values());
      for (int r = 0; r < options.repetitions(); r++) {
        for (Engine engine : order) {
          RunResult result = measure(engine, query, config, options.parallelism(), false);
          runs.get(engine.name()).add(result);
          System.out.printf(Locale.ROOT, "  %s run %-4d %-6s %s%n", query, r + 1, engine.name(),
              brief(result));
        }
        Collections.reverse(order); // alternate which engine goes first
        if (generator != null) {
          RunResult result = measure(generator, "-", config, options.parallelism(), false);
          ceiling.add(result);
          System.out.printf(Locale.ROOT, "  %s run %-4d %-6s %s%n", query, r + 1, "gen",
              brief(result));
        }
      }
      QueryResults results = new QueryResults(query, runs, checked);
      all.add(results);
      wrong |= printQuery(results, ceiling);
    }
    if (!ceiling.isEmpty()) {
      printCeiling(ceiling);
    }
    if (options.report() != null) {
      Report.writeMarkdown(options.report(), options, config, ceiling, all);
      System.out.println("report: " + options.report());
    }
    if (options.chart() != null) {
      Report.writeChart(options.chart(), options, ceiling, all);
      System.out.println("chart: " + options.chart());
    }
    return wrong ? 1 : 0;
  }

  static RunResult measure(Engine engine, String query, GeneratorConfig config,
      int parallelism, boolean checksum) throws Exception {
    HeapSampler heap = new HeapSampler();
    heap.start();
    RunProbe.reset();
    RunResult result;
    try {
      result = engine.run(query, config, parallelism, checksum);
    } finally {
      heap.close();
    }
    long peak = heap.stop();
    return new RunResult(result.events(), result.outputCount(), result.checksum(),
        result.startupNanos(), result.processNanos(), result.wallNanos(), peak);
  }

  private static String brief(RunResult r) {
    return String.format(Locale.ROOT,
        "%7.2f M events/s  start-up %5d ms  wall %6d ms  heap %5d MiB  out %,d%s",
        r.eventsPerSecond() / 1e6, r.startupNanos() / 1_000_000, r.wallNanos() / 1_000_000,
        r.peakHeapBytes() >> 20, r.outputCount(),
        r.checksum() == null ? "" : "  " + r.checksum());
  }

  private static void printCeiling(List<RunResult> ceiling) {
    Stats s = Stats.of(ceiling.stream().mapToDouble(RunResult::eventsPerSecond).toArray());
    System.out.printf(Locale.ROOT,
        "%ngenerator ceiling (generator alone, plain threads, no engine, one run per repetition"
            + " of each query): %.2f M events/s (median, ±%.1f %%, min %.2f, max %.2f)%n",
        s.median() / 1e6, s.spreadPercent(), s.min() / 1e6, s.max() / 1e6);
  }

  /** Prints the summary of one query; returns true if something is wrong with the outputs. */
  private static boolean printQuery(QueryResults results, List<RunResult> ceiling) {
    String query = results.query();
    boolean deterministic = !query.equals("q12");
    System.out.printf(Locale.ROOT, "%n%s%n", query);
    System.out.printf(Locale.ROOT, "  %-7s %11s %8s %12s %9s %13s  %s%n", "engine",
        "M events/s", "spread", "start-up ms", "heap MiB", "output", "checksum");
    Map<String, Stats> medians = new LinkedHashMap<>();
    boolean wrong = false;
    for (Map.Entry<String, List<RunResult>> e : results.runs().entrySet()) {
      List<RunResult> runs = e.getValue();
      Stats s = Stats.of(runs.stream().mapToDouble(RunResult::eventsPerSecond).toArray());
      Stats startup = Stats.of(runs.stream().mapToDouble(r -> r.startupNanos() / 1e6).toArray());
      long heap = runs.stream().mapToLong(RunResult::peakHeapBytes).max().orElse(0);
      RunResult checked = results.checked().get(e.getKey());
      boolean stable = runs.stream().allMatch(r -> r.outputCount() == checked.outputCount());
      if (!stable && deterministic) {
        wrong = true;
      }
      medians.put(e.getKey(), s);
      System.out.printf(Locale.ROOT, "  %-7s %11.2f %7.1f%% %12.0f %9d %,13d  %s%s%n",
          e.getKey(), s.median() / 1e6, s.spreadPercent(), startup.median(), heap >> 20,
          checked.outputCount(), checked.checksum(),
          stable ? "" : "  (output count differs between runs)");
    }
    if (!ceiling.isEmpty()) {
      Stats s = Stats.of(ceiling.stream().mapToDouble(RunResult::eventsPerSecond).toArray());
      System.out.printf(Locale.ROOT, "  %-7s %11.2f %7.1f%%%n", "ceiling", s.median() / 1e6,
          s.spreadPercent());
    }
    if (medians.containsKey("runnel") && medians.containsKey("flink")) {
      System.out.printf(Locale.ROOT, "  runnel / flink throughput: %.2f x%n",
          medians.get("runnel").median() / medians.get("flink").median());
      boolean equal = results.engineOutputsEqual();
      if (!deterministic) {
        System.out.printf(Locale.ROOT, "  outputs %s (q12 uses processing time: only the sum of"
            + " its counts is deterministic)%n", equal ? "equal" : "differ");
      } else {
        System.out.printf(Locale.ROOT, "  outputs %s%n", equal ? "EQUAL (count and checksum)"
            : "DIFFER: one of the two implementations has a bug");
        wrong |= !equal;
      }
    }
    return wrong;
  }

  static String today() {
    return LocalDate.now().toString();
  }

  static void writeFile(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text);
  }
}
