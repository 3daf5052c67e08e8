package dev.runnel.jdbc;

import dev.runnel.api.RunnelException;
import dev.runnel.api.connector.Committer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The committer of a {@link JdbcExactlyOnceSink}: {@code COMMIT PREPARED} for the gids of a
 * completed checkpoint, and on recovery {@code ROLLBACK PREPARED} for the sink's other prepared
 * transactions. Each call opens a connection of its own and closes it: the committer has no close
 * hook, and it runs once per checkpoint, so a held connection would outlive the job.
 */
final class PreparedTransactionCommitter implements Committer<String> {
  private static final Logger LOG = LoggerFactory.getLogger(PreparedTransactionCommitter.class);
  /** PostgreSQL's undefined_object: "prepared transaction with identifier … does not exist". */
  private static final String UNDEFINED_OBJECT = "42704";

  private final JdbcConnectionOptions options;
  private final String sinkId;

  PreparedTransactionCommitter(JdbcConnectionOptions options, String sinkId) {
    this.options = options;
    this.sinkId = sinkId;
  }

  /**
   * Commits each prepared transaction. One that does not exist any more was committed by an
   * earlier call (before a failure, say) and is skipped: PostgreSQL keeps no record of committed
   * gids, and only this committer ends the sink's transactions after the checkpoint completed.
   */
  @Override
  public void commit(List<String> gids) {
    if (gids.isEmpty()) {
      return;
    }
    try (Connection connection = connect(); Statement st = connection.createStatement()) {
      commit(st, gids);
    } catch (SQLException e) {
      throw new RunnelException("sink " + sinkId + ": cannot commit prepared transactions at "
          + options.describe() + ": " + SqlErrors.describe(e), e);
    }
  }

  private void commit(Statement st, List<String> gids) {
    for (String gid : gids) {
      end(st, "COMMIT PREPARED", gid);
    }
  }

  /**
   * Commits {@code restored}, then rolls back every other prepared transaction of this sink id in
   * this database: they were prepared for checkpoints that never completed.
   */
  @Override
  public void recover(List<String> restored) {
    try (Connection connection = connect(); Statement st = connection.createStatement()) {
      commit(st, restored);
      List<String> leftovers = new ArrayList<>();
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT gid FROM pg_prepared_xacts WHERE database = current_database() AND gid LIKE ?"
              + " ORDER BY prepared")) {
        query.setString(1, TransactionIds.likePattern(sinkId));
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            String gid = rs.getString(1);
            if (TransactionIds.belongsTo(gid, sinkId)) {
              leftovers.add(gid);
            }
          }
        }
      }
      for (String gid : leftovers) {
        end(st, "ROLLBACK PREPARED", gid);
      }
      if (!restored.isEmpty() || !leftovers.isEmpty()) {
        LOG.info("sink {}: recovered; committed {} restored and rolled back {} other prepared"
            + " transactions", sinkId, restored.size(), leftovers.size());
      }
    } catch (SQLException e) {
      throw new RunnelException("sink " + sinkId + ": cannot recover prepared transactions at "
          + options.describe() + ": " + SqlErrors.describe(e), e);
    }
  }

  /** Runs {@code COMMIT PREPARED} or {@code ROLLBACK PREPARED}; a gid already gone is skipped. */
  private void end(Statement st, String command, String gid) {
    if (!TransactionIds.belongsTo(gid, sinkId)) {
      throw new RunnelException("sink " + sinkId + ": '" + gid + "' is not one of its"
          + " transaction ids; was the checkpoint written by another sink?");
    }
    try {
      st.execute(command + " '" + gid + "'");
      LOG.debug("sink {}: {} {}", sinkId, command, gid);
    } catch (SQLException e) {
      if (UNDEFINED_OBJECT.equals(e.getSQLState())) {
        LOG.debug("sink {}: {} is no longer prepared (ended before)", sinkId, gid);
        return;
      }
      throw new RunnelException("sink " + sinkId + ": " + command + " '" + gid + "' failed at "
          + options.describe() + ": " + SqlErrors.describe(e), e);
    }
  }

  private Connection connect() throws SQLException {
    Connection connection = options.connect();
    connection.setAutoCommit(true); // COMMIT PREPARED cannot run inside a transaction block
    return connection;
  }
}
