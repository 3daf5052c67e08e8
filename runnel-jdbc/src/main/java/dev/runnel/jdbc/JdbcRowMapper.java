package dev.runnel.jdbc;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns the current row of a result set into a value; {@link JdbcLookup} calls it for the first row
 * of each query. It must not move the cursor. May be called from several threads at once, on
 * different result sets.
 *
 * @param <V> the value type
 */
@Public
@FunctionalInterface
public interface JdbcRowMapper<V> extends Serializable {
  V map(ResultSet row) throws SQLException;
}
