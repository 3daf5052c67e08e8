package dev.runnel.api;

import dev.runnel.api.annotation.Public;

/**
 * User code, a source or a sink threw while the job ran. Says which operator, which of its
 * subtasks, and, when there was one, which record (its {@code toString()}, cut to 200 characters).
 * The original exception is the cause.
 */
@Public
public class OperatorException extends RunnelException {
  private static final long serialVersionUID = 1L;

  /** Longest record description kept, so a huge record does not flood the logs. */
  public static final int MAX_RECORD_CHARS = 200;

  private final String operatorName;
  private final int subtaskIndex;
  private final String record;

  public OperatorException(
      String operatorName, int subtaskIndex, int parallelism, String record, Throwable cause) {
    super(message(operatorName, subtaskIndex, parallelism, record, cause), cause);
    this.operatorName = operatorName;
    this.subtaskIndex = subtaskIndex;
    this.record = record;
  }

  /** Describes {@code record} for an error message: its {@code toString()}, cut if long. */
  public static String describe(Object record) {
    String s;
    try {
      s = String.valueOf(record);
    } catch (RuntimeException e) {
      s = record.getClass().getName() + " (toString() threw " + e + ")";
    }
    return s.length() <= MAX_RECORD_CHARS ? s : s.substring(0, MAX_RECORD_CHARS) + "…";
  }

  private static String message(
      String operator, int subtask, int parallelism, String record, Throwable cause) {
    StringBuilder m = new StringBuilder("operator '").append(operator).append("' (subtask ")
        .append(subtask).append(" of ").append(parallelism).append(") failed");
    if (record != null) {
      m.append(" on record ").append(record);
    }
    return m.append(": ").append(cause).toString();
  }

  public String operatorName() {
    return operatorName;
  }

  public int subtaskIndex() {
    return subtaskIndex;
  }

  /** The failing record's description, or null if the failure was not about one record. */
  public String record() {
    return record;
  }
}
