package dev.runnel.connector.file;

import dev.runnel.api.OutputTag;
import dev.runnel.api.connector.ReaderOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps what a reader emits: main records in order, and side output values per tag. */
final class RecordingOutput<T> implements ReaderOutput<T> {
  final List<T> records = new ArrayList<>();
  final Map<OutputTag<?>, List<Object>> sideOutputs = new LinkedHashMap<>();

  @Override
  public void collect(T record) {
    records.add(record);
  }

  @Override
  public void collect(T record, long timestamp) {
    records.add(record);
  }

  @Override
  public <X> void output(OutputTag<X> tag, X value) {
    sideOutputs.computeIfAbsent(tag, t -> new ArrayList<>()).add(value);
  }

  @SuppressWarnings("unchecked")
  <X> List<X> sideOutput(OutputTag<X> tag) {
    return (List<X>) sideOutputs.getOrDefault(tag, List.of());
  }
}
