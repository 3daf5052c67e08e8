package dev.runnel.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Event timestamps as the packaged jobs read and write them. Input accepts an ISO-8601 instant
 * ({@code "2026-01-01T10:00:00.123Z"}, or with an offset such as {@code +01:00}) or a whole
 * number of epoch milliseconds ({@code 1767261600123}, as a JSON number or a string of digits).
 * Output is always an ISO-8601 instant in UTC, as {@link Instant#toString()} writes it.
 */
public final class EventTimestamps {
  private EventTimestamps() {}

  /**
   * The epoch milliseconds of {@code value}.
   *
   * @throws IllegalArgumentException if it is missing, null, fractional or not a valid instant;
   *     the message quotes the value
   */
  public static long parse(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      throw new IllegalArgumentException("missing");
    }
    if (value.isIntegralNumber()) {
      if (!value.canConvertToLong()) {
        throw invalid(value.asText());
      }
      return value.longValue();
    }
    if (value.isTextual()) {
      return parse(value.textValue());
    }
    throw invalid(value.toString());
  }

  /** The epoch milliseconds of an ISO-8601 instant or a string of digits. */
  public static long parse(String text) {
    String trimmed = text.trim();
    if (!trimmed.isEmpty() && trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Long.parseLong(trimmed);
      } catch (NumberFormatException e) {
        throw invalid('"' + text + '"');
      }
    }
    try {
      return Instant.parse(trimmed).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      try {
        return OffsetDateTime.parse(trimmed).toInstant().toEpochMilli();
      } catch (DateTimeParseException | ArithmeticException e2) {
        throw invalid('"' + text + '"');
      }
    }
  }

  /** {@code millis} as an ISO-8601 instant in UTC, such as {@code 2026-01-01T10:00:00.123Z}. */
  public static String format(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  private static IllegalArgumentException invalid(String shown) {
    return new IllegalArgumentException(
        "expected an ISO-8601 instant or epoch milliseconds, found " + shown);
  }
}
