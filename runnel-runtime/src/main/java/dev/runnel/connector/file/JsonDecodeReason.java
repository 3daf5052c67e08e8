package dev.runnel.connector.file;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a JSON line could not be decoded, in plain words for the person who wrote the file: the
 * field at fault and the problem ({@code field 'user_id' is missing}, {@code field 'amount':
 * expected a number, found "x"}, {@code not valid JSON: unexpected character 'b' at column 2}),
 * never Jackson's wording, Java type names or token names. The file and line are added by the
 * reader. Stateless.
 */
final class JsonDecodeReason {
  private static final ObjectMapper TREE = new ObjectMapper();
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  private JsonDecodeReason() {}

  /** The reason for {@code e}, thrown while decoding {@code line}. */
  static String of(JsonProcessingException e, String line) {
    // Jackson wraps a syntax error met while binding a field in a mapping error with its path.
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof StreamReadException syntax) {
        return "not valid JSON: " + syntaxProblem(syntax);
      }
    }
    if (!(e instanceof JsonMappingException mapping)) {
      return "not valid JSON";
    }
    String field = fieldPath(mapping.getPath());
    Throwable own = ownCause(e);
    if (own != null && own.getMessage() != null) {
      // The record's constructor or its own deserializer said what is wrong, in its own words.
      return field.isEmpty() ? own.getMessage() : "field '" + field + "': " + own.getMessage();
    }
    String message = String.valueOf(e.getOriginalMessage());
    if (message.startsWith("Missing required creator property")) {
      Matcher name = QUOTED.matcher(message);
      return "field '" + (field.isEmpty() && name.find() ? name.group(1) : field) + "' is missing";
    }
    if (e instanceof InvalidDefinitionException definition) {
      return "records of type " + simpleName(definition.getType() == null ? null
          : definition.getType().getRawClass()) + " cannot be read from JSON (a bug in the job)";
    }
    if (e instanceof MismatchedInputException mismatch && !field.isEmpty()) {
      return "field '" + field + "': expected " + kind(mismatch.getTargetType())
          + ", found " + valueAt(line, mapping.getPath());
    }
    return field.isEmpty()
        ? "the JSON object does not fit the record"
        : "field '" + field + "' has a value that does not fit";
  }

  private static String syntaxProblem(StreamReadException e) {
    String message = String.valueOf(e.getOriginalMessage());
    JsonLocation location = e.getLocation();
    String column = location == null || location.getColumnNr() < 1
        ? "" : " at column " + location.getColumnNr();
    if (message.startsWith("Unexpected end-of-input")) {
      return "the line ends before the JSON object is complete";
    }
    Matcher quoted = QUOTED.matcher(message);
    if (message.startsWith("Unrecognized token") && quoted.find()) {
      return "unexpected word '" + quoted.group(1) + "'" + column
          + " (text must be in double quotes)";
    }
    if (message.startsWith("Illegal unquoted character")) {
      return "a control character (such as a tab) inside a string" + column
          + " must be written as an escape (\\t)";
    }
    if (message.startsWith("Unexpected character") || message.startsWith("Unexpected close")) {
      if (quoted.find()) {
        return "unexpected character '" + quoted.group(1) + "'" + column;
      }
    }
    return "malformed" + column;
  }

  /** The first cause that is not Jackson's own: an exception the record's code threw. */
  private static Throwable ownCause(Throwable e) {
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (!(t instanceof JacksonException)) {
        return t;
      }
    }
    return null;
  }

  /** {@code customer.address.zip}, {@code items[2].price}; empty at the top level. */
  private static String fieldPath(List<JsonMappingException.Reference> path) {
    StringBuilder s = new StringBuilder();
    for (JsonMappingException.Reference ref : path) {
      if (ref.getFieldName() != null) {
        if (s.length() > 0) {
          s.append('.');
        }
        s.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        s.append('[').append(ref.getIndex()).append(']');
      }
    }
    return s.toString();
  }

  /** What a value of {@code type} looks like in JSON. */
  private static String kind(Class<?> type) {
    if (type == null) {
      return "another kind of value";
    }
    if (type.isPrimitive()) {
      return type == boolean.class ? "true or false" : type == char.class ? "a string" : "a number";
    }
    if (Number.class.isAssignableFrom(type) || type == BigDecimal.class
        || type == BigInteger.class) {
      return "a number";
    }
    if (type == Boolean.class) {
      return "true or false";
    }
    if (CharSequence.class.isAssignableFrom(type) || type == Character.class) {
      return "a string";
    }
    if (type.isEnum()) {
      return "one of " + String.join(", ",
          Arrays.stream(type.getEnumConstants()).map(c -> "\"" + c + "\"").toList());
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "a date and time";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
      return "an object";
    }
    return "another kind of value";
  }

  /** The value at {@code path} in {@code line}, as the user wrote it (short), or its kind. */
  private static String valueAt(String line, List<JsonMappingException.Reference> path) {
    JsonNode node;
    try {
      node = TREE.readTree(line);
    } catch (JsonProcessingException e) {
      return "a value of another kind";
    }
    for (JsonMappingException.Reference ref : path) {
      if (node == null) {
        return "a value of another kind";
      }
      node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
    }
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "a list";
    }
    String text = node.toString();
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }

  private static String simpleName(Class<?> type) {
    return type == null ? "?" : type.getSimpleName();
  }
}
