package dev.runnel.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The SQL of the sinks' inserts, built from a table and column names. Names are checked to be
 * plain SQL identifiers ({@code orders}, {@code shop.orders}) and written unquoted, so they mean
 * what they mean in {@code psql} (folded to lower case); checking them also keeps the text of the
 * statement out of the user's records, which are only ever bound as parameters. Pure logic.
 */
final class InsertStatement {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  private final String table;
  private final List<String> columns;

  InsertStatement(String table, List<String> columns) {
    if (table == null || table.isEmpty()) {
      throw new IllegalArgumentException("a JDBC sink needs a table");
    }
    for (String part : table.split("\\.", -1)) {
      checkIdentifier(part, "table name '" + table + "'");
    }
    if (columns == null || columns.isEmpty()) {
      throw new IllegalArgumentException("a JDBC sink into " + table + " needs columns");
    }
    for (String column : columns) {
      checkIdentifier(column, "column name '" + column + "' of " + table);
    }
    if (columns.stream().distinct().count() != columns.size()) {
      throw new IllegalArgumentException("columns of " + table + " repeat a name: " + columns);
    }
    this.table = table;
    this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
  }

  private static void checkIdentifier(String name, String what) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " is not a plain SQL identifier (letters, digits,"
          + " '_' and '$', not starting with a digit)");
    }
  }

  String table() {
    return table;
  }

  List<String> columns() {
    return columns;
  }

  /** {@code INSERT INTO t (a, b) VALUES (?, ?)}. */
  String insert() {
    return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
        + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
  }

  /**
   * {@code INSERT … ON CONFLICT (keys) DO UPDATE SET c = EXCLUDED.c} for every column that is not a
   * key, or {@code DO NOTHING} when every column is a key (there is nothing to update).
   */
  String upsert(List<String> keyColumns) {
    if (keyColumns == null || keyColumns.isEmpty()) {
      throw new IllegalArgumentException("an upsert into " + table + " needs key columns");
    }
    for (String key : keyColumns) {
      if (!columns.contains(key)) {
        throw new IllegalArgumentException("key column '" + key + "' of " + table
            + " is not among its columns " + columns);
      }
    }
    List<String> updates = new ArrayList<>();
    for (String column : columns) {
      if (!keyColumns.contains(column)) {
        updates.add(column + " = EXCLUDED." + column);
      }
    }
    return insert() + " ON CONFLICT (" + String.join(", ", keyColumns) + ") DO "
        + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + String.join(", ", updates));
  }
}
