package dev.runnel.bench.nexmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A grouped horizontal bar chart in plain SVG: one group per query, one bar per engine, the
 * median events per second, with the spread (min to max over the repetitions) as a whisker.
 */
final class SvgChart {
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#7f7f7f", "#2ca02c", "#9467bd"};

  /** One bar: engine, median, min, max (events/s). */
  record Bar(String engine, double median, double min, double max) {}

  /** One group of bars: a query and its bars, in engine order. */
  record Group(String query, List<Bar> bars) {}

  private SvgChart() {}

  static void write(Path file, String title, List<String> engines, List<Group> groups)
      throws IOException {
    double top = 0;
    for (Group g : groups) {
      for (Bar b : g.bars()) {
        top = Math.max(top, Math.max(b.max(), b.median()));
      }
    }
    double scaleTop = niceCeiling(top / 1e6);
    int barHeight = 14;
    int groupGap = 14;
    int left = 60;
    int plotWidth = 560;
    int right = 110;
    int headerHeight = 50;
    int groupHeight = engines.size() * barHeight + groupGap;
    int plotHeight = groups.size() * groupHeight;
    int legendHeight = 24 + engines.size() * 18;
    int width = left + plotWidth + right;
    int height = headerHeight + plotHeight + 30 + legendHeight;

    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
        width, height, width, height));
    svg.append(String.format(Locale.ROOT,
        "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
        left, escape(title)));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"38\" fill=\"#555\">million events per second (median; whiskers: "
            + "min to max over the repetitions)</text>%n", left));
    // vertical grid lines and their labels
    int ticks = 5;
    for (int i = 0; i <= ticks; i++) {
      double value = scaleTop * i / ticks;
      double x = left + plotWidth * (double) i / ticks;
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
          x, headerHeight, x, headerHeight + plotHeight));
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>%n",
          x, headerHeight + plotHeight + 16, format(value)));
    }
    int y = headerHeight + groupGap / 2;
    for (Group g : groups) {
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-weight=\"bold\">%s</text>%n",
          left - 8, y + engines.size() * barHeight / 2 + 4, escape(g.query())));
      for (int e = 0; e < engines.size(); e++) {
        String engine = engines.get(e);
        Bar bar = g.bars().stream().filter(b -> b.engine().equals(engine)).findFirst().orElse(null);
        int by = y + e * barHeight;
        if (bar != null && !Double.isNaN(bar.median())) {
          double w = plotWidth * bar.median() / 1e6 / scaleTop;
          svg.append(String.format(Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
              left, by + 1, w, barHeight - 2, COLOURS[e % COLOURS.length]));
          double x1 = left + plotWidth * bar.min() / 1e6 / scaleTop;
          double x2 = left + plotWidth * bar.max() / 1e6 / scaleTop;
          double cy = by + barHeight / 2.0;
          svg.append(String.format(Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>%n",
              x1, cy, x2, cy));
          svg.append(String.format(Locale.ROOT,
              "<text x=\"%.1f\" y=\"%.1f\" fill=\"#333\">%s</text>%n",
              Math.max(left + w, x2) + 4, cy + 4, format(bar.median() / 1e6)));
        }
      }
      y += groupHeight;
    }
    int ly = headerHeight + plotHeight + 36;
    for (int e = 0; e < engines.size(); e++) {
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
          left, ly + e * 18, COLOURS[e % COLOURS.length]));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n",
          left + 18, ly + e * 18 + 10, escape(engines.get(e))));
    }
    svg.append("</svg>\n");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, svg.toString());
  }

  private static double niceCeiling(double value) {
    if (value <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String format(double value) {
    return value >= 10 ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
