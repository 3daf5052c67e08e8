package dev.runnel.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Where a JDBC connector connects: a PostgreSQL JDBC URL and, unless the URL carries them, a user
 * and password. Immutable and {@link Serializable}, so functions that hold it (a {@link
 * JdbcLookup} inside a map step) can be copied to each subtask; connections and pools are made
 * from it where they are used, never shared through it.
 *
 * <pre>{@code
 * JdbcConnectionOptions db = JdbcConnectionOptions.of("jdbc:postgresql://127.0.0.1:5432/shop")
 *     .withCredentials("runnel", "secret");
 * }</pre>
 */
@Public
public final class JdbcConnectionOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String url;
  private final String user;
  private final String password;

  private JdbcConnectionOptions(String url, String user, String password) {
    this.url = Objects.requireNonNull(url, "url");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("runnel-jdbc supports PostgreSQL only: expected a URL "
          + "starting with jdbc:postgresql:, got " + url);
    }
    this.user = user;
    this.password = password;
  }

  /** Options for {@code url}; user and password may be in the URL ({@code ?user=…&password=…}). */
  public static JdbcConnectionOptions of(String url) {
    return new JdbcConnectionOptions(url, null, null);
  }

  /** The same URL with this user and password. */
  public JdbcConnectionOptions withCredentials(String user, String password) {
    return new JdbcConnectionOptions(url, Objects.requireNonNull(user, "user"), password);
  }

  public String url() {
    return url;
  }

  /**
   * Opens one plain connection. The sinks use these: a sink writer holds its connection for its
   * whole life, inside one transaction after another, so a pool would add nothing but a thread.
   */
  public Connection connect() throws SQLException {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    // A name in pg_stat_activity tells an operator which connections are Runnel's.
    properties.setProperty("ApplicationName", "runnel");
    return DriverManager.getConnection(url, properties);
  }

  /**
   * Opens a HikariCP pool of at most {@code size} connections, for users that run queries from
   * several threads at once ({@link JdbcLookup}'s asynchronous lookups). The caller closes it.
   */
  public HikariDataSource openPool(String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setPoolName(name);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.addDataSourceProperty("ApplicationName", "runnel");
    return new HikariDataSource(config);
  }

  /** The URL without its query string, which may hold a password: for messages. */
  public String describe() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  @Override
  public String toString() {
    return "JdbcConnectionOptions(" + describe() + (user != null ? ", user " + user : "") + ")";
  }
}
