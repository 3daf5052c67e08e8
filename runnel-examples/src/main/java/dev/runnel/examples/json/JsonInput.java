package dev.runnel.examples.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.examples.FieldMapping;
import dev.runnel.examples.JobField;
import java.math.BigDecimal;
import java.util.List;

/**
 * One input JSON object read in a job's vocabulary: a field of the job is looked up under the
 * input name {@code --field} mapped it to, else under its own name, else under its first alias the
 * object has (see {@link JobField#aliases()}). The getters check and convert as {@link JsonFields}
 * does, and their errors name the field as the input spells it. Used by one thread, for one record.
 */
public final class JsonInput {
  private final ObjectNode json;
  private final List<JobField> fields;
  private final FieldMapping mapping;

  JsonInput(ObjectNode json, List<JobField> fields, FieldMapping mapping) {
    this.json = json;
    this.fields = fields;
    this.mapping = mapping;
  }

  /** The object as read. */
  public ObjectNode json() {
    return json;
  }

  /**
   * The name under which the input holds the job's {@code field}: its mapped source, or {@code
   * field} when the object has it, or the first alias the object has, or else {@code field} (so a
   * missing field is reported under the job's name).
   *
   * @throws IllegalStateException if the job does not declare {@code field}; a bug in the job
   */
  public String nameOf(String field) {
    JobField declared = declared(field);
    String mapped = mapping.sourceOf(field);
    if (mapped != null) {
      return mapped;
    }
    if (json.has(field)) {
      return field;
    }
    for (String alias : declared.aliases()) {
      if (json.has(alias)) {
        return alias;
      }
    }
    return field;
  }

  /** A required identifier or name; see {@link JsonFields#text}. */
  public String text(String field) {
    return JsonFields.text(json, nameOf(field));
  }

  /** An optional string; see {@link JsonFields#optionalText}. */
  public String optionalText(String field) {
    return JsonFields.optionalText(json, nameOf(field));
  }

  /** A required number, exactly as written; see {@link JsonFields#decimal}. */
  public BigDecimal decimal(String field) {
    return JsonFields.decimal(json, nameOf(field));
  }

  /** A required event timestamp; see {@link JsonFields#timestamp}. */
  public long timestamp(String field) {
    return JsonFields.timestamp(json, nameOf(field));
  }

  /** The field's value as read, or null if the object lacks it. */
  public JsonNode value(String field) {
    return json.get(nameOf(field));
  }

  /** True if the object has the field with a value other than null. */
  public boolean hasValue(String field) {
    return json.hasNonNull(nameOf(field));
  }

  private JobField declared(String field) {
    for (JobField declared : fields) {
      if (declared.name().equals(field)) {
        return declared;
      }
    }
    throw new IllegalStateException("the decoder reads field '" + field
        + "', which is not among the job's declared input fields");
  }
}
