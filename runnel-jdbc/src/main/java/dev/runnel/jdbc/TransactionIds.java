package dev.runnel.jdbc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The global ids (gids) of the prepared transactions of a {@link JdbcExactlyOnceSink}: {@code
 * runnel-<sink id>-<subtask>-<checkpoint id>}, such as {@code runnel-order-totals-1-42}. The id
 * names the sink, the subtask and checkpoint tell an operator where a leftover came from, and
 * recovery finds the sink's own transactions with {@link #likePattern} and {@link #belongsTo}.
 * Pure logic.
 */
final class TransactionIds {
  /** Characters of a sink id: safe inside a SQL string literal, and readable. */
  private static final Pattern SINK_ID = Pattern.compile("[A-Za-z0-9_.-]{1,120}");
  private static final Pattern GID = Pattern.compile("runnel-(.+)-(\\d+)-(\\d+)");

  private TransactionIds() {}

  /** Checks a sink id; PostgreSQL allows gids of up to 200 bytes, so ids are kept to 120. */
  static String checkSinkId(String sinkId) {
    if (sinkId == null || !SINK_ID.matcher(sinkId).matches()) {
      throw new IllegalArgumentException("sink id '" + sinkId + "' must be 1 to 120 letters, "
          + "digits, '_', '.' or '-' (it names the sink's prepared transactions)");
    }
    return sinkId;
  }

  static String gid(String sinkId, int subtask, long checkpointId) {
    return "runnel-" + sinkId + "-" + subtask + "-" + checkpointId;
  }

  /**
   * True if {@code gid} is a transaction of the sink {@code sinkId}: the greedy match takes the
   * last two numbers as subtask and checkpoint, so the sink {@code orders} does not claim the gids
   * of the sink {@code orders-eu} ({@code runnel-orders-eu-0-3}).
   */
  static boolean belongsTo(String gid, String sinkId) {
    Matcher m = GID.matcher(gid);
    return m.matches() && m.group(1).equals(sinkId);
  }

  /** A LIKE pattern that selects every gid that may be the sink's (then filtered by belongsTo). */
  static String likePattern(String sinkId) {
    String escaped = sinkId.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%");
    return "runnel-" + escaped + "-%";
  }
}
