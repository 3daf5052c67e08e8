package dev.runnel.bench.nexmark;

import dev.runnel.bench.nexmark.NexmarkBenchmark.Options;
import dev.runnel.bench.nexmark.NexmarkBenchmark.QueryResults;
import dev.runnel.nexmark.generator.GeneratorConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the harness's results as Markdown tables and as an SVG chart. */
final class Report {
  private Report() {}

  static void writeMarkdown(Path file, Options options, GeneratorConfig config,
      List<RunResult> ceiling, List<QueryResults> all) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT,
        "NEXMark, %,d events, parallelism %d, %d warm-up + %d measured runs per engine and query"
            + " (engines alternating; the first warm-up run computes the checksum, measured runs only count), %s, Java %s, %d cores, max heap %d MiB.%n%n",
        config.eventCount(), options.parallelism(), options.warmups(), options.repetitions(),
        NexmarkBenchmark.today(), Runtime.version(), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20));
    Stats ceil = ceiling.isEmpty() ? null
        : Stats.of(ceiling.stream().mapToDouble(RunResult::eventsPerSecond).toArray());
    boolean both = options.engines().contains("runnel") && options.engines().contains("flink");
    md.append("| query |");
    for (String engine : options.engines()) {
      md.append(' ').append(engine).append(" M events/s |");
    }
    if (both) {
      md.append(" runnel / flink |");
    }
    if (ceil != null) {
      md.append(" generator ceiling M events/s |");
    }
    for (String engine : options.engines()) {
      md.append(' ').append(engine).append(" start-up ms | ").append(engine)
          .append(" peak heap MiB |");
    }
    md.append(" output records | same output |\n|---|");
    int columns = options.engines().size() * 3 + (both ? 1 : 0) + (ceil != null ? 1 : 0) + 2;
    md.append("---|".repeat(columns)).append('\n');
    for (QueryResults q : all) {
      md.append("| ").append(q.query()).append(" |");
      Map<String, List<RunResult>> runs = q.runs();
      for (String engine : options.engines()) {
        Stats s = throughput(runs.get(engine));
        md.append(String.format(Locale.ROOT, " %.2f ± %.0f %% |", s.median() / 1e6,
            s.spreadPercent()));
      }
      if (both) {
        md.append(String.format(Locale.ROOT, " %.2f × |",
            throughput(runs.get("runnel")).median() / throughput(runs.get("flink")).median()));
      }
      if (ceil != null) {
        md.append(String.format(Locale.ROOT, " %.2f |", ceil.median() / 1e6));
      }
      for (String engine : options.engines()) {
        Stats st = Stats.of(runs.get(engine).stream()
            .mapToDouble(r -> r.startupNanos() / 1e6).toArray());
        long heap = runs.get(engine).stream().mapToLong(RunResult::peakHeapBytes).max()
            .orElse(0);
        md.append(String.format(Locale.ROOT, " %.0f | %d |", st.median(), heap >> 20));
      }
      RunResult first = q.checked().get(options.engines().get(0));
      md.append(String.format(Locale.ROOT, " %,d |", first.outputCount()));
      if (both) {
        boolean equal = q.engineOutputsEqual();
        md.append(q.query().equals("q12") ? (equal ? " yes |" : " n/a (processing time) |")
            : (equal ? " yes |" : " **NO** |"));
      } else {
        md.append(" – |");
      }
      md.append('\n');
    }
    NexmarkBenchmark.writeFile(file, md.toString());
  }

  static void writeChart(Path file, Options options, List<RunResult> ceiling,
      List<QueryResults> all) throws IOException {
    List<String> engines = new ArrayList<>(options.engines());
    Stats ceil = ceiling.isEmpty() ? null
        : Stats.of(ceiling.stream().mapToDouble(RunResult::eventsPerSecond).toArray());
    if (ceil != null) {
      engines.add("generator ceiling");
    }
    List<SvgChart.Group> groups = new ArrayList<>();
    for (QueryResults q : all) {
      List<SvgChart.Bar> bars = new ArrayList<>();
      for (String engine : options.engines()) {
        Stats s = throughput(q.runs().get(engine));
        bars.add(new SvgChart.Bar(engine, s.median(), s.min(), s.max()));
      }
      if (ceil != null) {
        bars.add(new SvgChart.Bar("generator ceiling", ceil.median(), ceil.min(), ceil.max()));
      }
      groups.add(new SvgChart.Group(q.query(), bars));
    }
    String title = String.format(Locale.ROOT, "NEXMark throughput, %,d events, parallelism %d",
        options.events(), options.parallelism());
    SvgChart.write(file, title, engines, groups);
  }

  private static Stats throughput(List<RunResult> runs) {
    return Stats.of(runs.stream().mapToDouble(RunResult::eventsPerSecond).toArray());
  }
}
