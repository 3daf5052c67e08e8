package dev.runnel.examples;

import java.util.List;
import java.util.Objects;

/**
 * One field of a {@link PackagedJob}'s input or output JSON lines, declared as data so that the
 * job's help, its decoder, {@code --field} mapping and the documentation all read the same list.
 *
 * @param name the field's name in the job's vocabulary, such as {@code customer_id}
 * @param type what its value is
 * @param required for an input field, whether a line without it cannot be decoded; for an output
 *     field, whether every line has it
 * @param description one line for the help text
 * @param aliases older names that an input line may use instead of {@code name} (read only when
 *     {@code name} is absent, in this order), so that files written for an earlier version of the
 *     job still work; empty for output fields
 */
public record JobField(
    String name, Type type, boolean required, String description, List<String> aliases) {

  /** The kinds of values a field holds, named as the help text shows them. */
  public enum Type {
    /** Text; an input number is taken as its digits. */
    STRING("string"),
    /** An identifier written back exactly as read, string or number. */
    STRING_OR_NUMBER("string or number"),
    /** A number kept exactly as written, as a decimal. */
    DECIMAL("decimal"),
    /** A whole number. */
    WHOLE_NUMBER("whole number"),
    /** An ISO-8601 instant or epoch milliseconds on input; ISO-8601 in UTC on output. */
    TIMESTAMP("timestamp"),
    /** {@code true} or {@code false}. */
    BOOLEAN("boolean"),
    /** A JSON array. */
    LIST("list");

    private final String label;

    Type(String label) {
      this.label = label;
    }

    /** The type as the help text and the documentation name it. */
    public String label() {
      return label;
    }
  }

  public JobField {
    Objects.requireNonNull(name, "field name");
    Objects.requireNonNull(type, "field type");
    Objects.requireNonNull(description, "field description");
    aliases = List.copyOf(aliases);
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException(
          "field name must be lower_case_words, was '" + name + "'");
    }
  }

  /** A field every line has. */
  public static JobField required(String name, Type type, String description) {
    return new JobField(name, type, true, description, List.of());
  }

  /** A field a line may lack. */
  public static JobField optional(String name, Type type, String description) {
    return new JobField(name, type, false, description, List.of());
  }

  /** This field, also read from {@code oldNames} when an input line lacks {@link #name()}. */
  public JobField alsoReadFrom(String... oldNames) {
    return new JobField(name, type, required, description, List.of(oldNames));
  }

  /** The field with this name in {@code fields}, or null. */
  static JobField find(List<JobField> fields, String name) {
    for (JobField field : fields) {
      if (field.name().equals(name)) {
        return field;
      }
    }
    return null;
  }
}
