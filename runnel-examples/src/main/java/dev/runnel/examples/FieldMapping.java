package dev.runnel.examples;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which input field each of a job's fields is read from, as given with {@code --field NAME=SOURCE}
 * (repeatable): the job's field {@code NAME} is read from the input's field {@code SOURCE}, so
 * that one file serves jobs whose vocabularies differ. A mapped field is read from its source only;
 * fields not mapped are read under their own name (or an alias, see {@link JobField#aliases()}).
 * Immutable.
 */
public final class FieldMapping {
  /** No field mapped. */
  public static final FieldMapping NONE = new FieldMapping(Map.of());

  private final Map<String, String> sources;

  private FieldMapping(Map<String, String> sources) {
    this.sources = sources;
  }

  /**
   * The mapping of {@code specs}, each {@code NAME=SOURCE}, checked against the job's {@code
   * fields}.
   *
   * @throws JobArgumentException if a spec is not {@code NAME=SOURCE} with both parts non-blank,
   *     {@code NAME} is not one of {@code fields}, or a field is mapped twice
   */
  public static FieldMapping parse(List<String> specs, List<JobField> fields, String jobName) {
    Map<String, String> sources = new LinkedHashMap<>();
    for (String spec : specs) {
      int equals = spec.indexOf('=');
      String name = equals < 0 ? "" : spec.substring(0, equals).trim();
      String source = equals < 0 ? "" : spec.substring(equals + 1).trim();
      if (name.isEmpty() || source.isEmpty()) {
        throw new JobArgumentException("invalid value '" + spec
            + "' for option --field: expected NAME=SOURCE, such as customer_id=user_id");
      }
      if (JobField.find(fields, name) == null) {
        throw new JobArgumentException("invalid value '" + spec + "' for option --field: job '"
            + jobName + "' has no input field '" + name + "' (its fields: "
            + fields.stream().map(JobField::name).collect(Collectors.joining(", ")) + ")");
      }
      if (sources.putIfAbsent(name, source) != null) {
        throw new JobArgumentException("invalid value '" + spec + "' for option --field: field '"
            + name + "' is mapped twice");
      }
    }
    return sources.isEmpty() ? NONE : new FieldMapping(Collections.unmodifiableMap(sources));
  }

  /** The input field that {@code field} is mapped to, or null if it is not mapped. */
  public String sourceOf(String field) {
    return sources.get(field);
  }

  /** True if no field is mapped. */
  public boolean isEmpty() {
    return sources.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldMapping other && sources.equals(other.sources);
  }

  @Override
  public int hashCode() {
    return sources.hashCode();
  }

  @Override
  public String toString() {
    return sources.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", ", "FieldMapping{", "}"));
  }
}
