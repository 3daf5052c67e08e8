package dev.runnel.jdbc;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Sets the parameters of a prepared statement from one record, in the order of the columns the
 * sink was given (parameter 1 is the first column). Called on the sink's own thread, once per
 * record; it must not execute the statement.
 *
 * <pre>{@code (statement, order) -> {
 *   statement.setString(1, order.id());
 *   statement.setBigDecimal(2, order.amount());
 * }}</pre>
 *
 * @param <T> record type
 */
@Public
@FunctionalInterface
public interface JdbcStatementBinder<T> extends Serializable {
  void bind(PreparedStatement statement, T record) throws SQLException;
}
