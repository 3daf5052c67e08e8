package dev.runnel.jdbc;

import java.sql.SQLException;

/** Words for SQL errors: a batch's failure hides PostgreSQL's reason in the next exception. */
final class SqlErrors {
  private SqlErrors() {}

  /** The message of {@code e}, of its chained exceptions, and the SQLState. */
  static String describe(SQLException e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    SQLException next = e.getNextException();
    // pgjdbc chains the server's own message behind "Batch entry 3 … was aborted".
    for (int i = 0; next != null && i < 3; i++, next = next.getNextException()) {
      text.append("; ").append(next.getMessage());
    }
    if (e.getSQLState() != null) {
      text.append(" (SQLState ").append(e.getSQLState()).append(')');
    }
    return text.toString();
  }
}
