package dev.runnel.examples.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.examples.EventTimestamps;
import java.math.BigDecimal;

/**
 * Reads the fields of a JSON object into typed values, for {@link JsonRecordDeserializer}s. Each
 * method throws {@link IllegalArgumentException} naming the field and saying what is wrong, in the
 * words the file source uses for every decoder: {@code field 'amount' is missing}, {@code field
 * 'amount': expected a number, found "12,50"}.
 */
public final class JsonFields {
  private JsonFields() {}

  /**
   * A required identifier or name: a non-blank string, or a number taken as its digits.
   */
  public static String text(ObjectNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      throw missing(field);
    }
    if (!value.isTextual() && !value.isNumber()) {
      throw new IllegalArgumentException(
          "field '" + field + "': expected a string, found " + describe(value));
    }
    String text = value.asText();
    if (text.isBlank()) {
      throw new IllegalArgumentException("field '" + field + "' must not be blank");
    }
    return text;
  }

  /** An optional string: null when the field is absent or null. */
  public static String optionalText(ObjectNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw new IllegalArgumentException(
          "field '" + field + "': expected a string, found " + describe(value));
    }
    return value.asText();
  }

  /** A required number, exactly as written. */
  public static BigDecimal decimal(ObjectNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      throw missing(field);
    }
    if (!value.isNumber()) {
      throw new IllegalArgumentException(
          "field '" + field + "': expected a number, found " + describe(value));
    }
    return value.decimalValue();
  }

  /** A required event timestamp, see {@link EventTimestamps#parse(JsonNode)}. */
  public static long timestamp(ObjectNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      throw missing(field);
    }
    try {
      return EventTimestamps.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + field + "': " + e.getMessage(), e);
    }
  }

  private static IllegalArgumentException missing(String field) {
    return new IllegalArgumentException("field '" + field + "' is missing");
  }

  /** A value as the user wrote it, or for objects and lists what they are. */
  private static String describe(JsonNode value) {
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "a list";
    }
    String text = value.toString();
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }
}
