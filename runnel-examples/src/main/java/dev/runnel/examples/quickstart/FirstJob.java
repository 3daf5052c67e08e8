package dev.runnel.examples.quickstart;

import dev.runnel.api.DataStream;
import dev.runnel.api.KeyedValue;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.functions.Collector;

/** Counts words as they arrive: each word's running count, printed as it changes. */
public final class FirstJob {
  public static void main(String[] args) {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    DataStream<String> lines = env.fromElements("to be or not to be", "that is the question");
    wordCounts(lines).print();
    env.execute("first-job");
  }

  /** Splits lines into words and keeps a running count per word. */
  public static DataStream<KeyedValue<String, Long>> wordCounts(DataStream<String> lines) {
    return lines
        .flatMap((String line, Collector<String> out) -> {
          for (String word : line.toLowerCase().split("\\W+")) {
            if (!word.isEmpty()) {
              out.collect(word);
            }
          }
        })
        .keyBy(word -> word)
        .count();
  }
}
