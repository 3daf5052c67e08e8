package dev.runnel.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.runnel.api.RunnelException;
import dev.runnel.api.annotation.Public;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.MapFunction;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * Looks a key up in PostgreSQL with one query and caches the answer, for enriching a stream: the
 * customer of an order, the product of a click. The query takes the key as its one parameter and
 * the first row it returns is the answer; no row is an empty answer, cached like any other.
 *
 * <pre>{@code
 * JdbcLookup<String, Customer> customers = JdbcLookup.<String, Customer>builder(db)
 *     .query("SELECT name, tier FROM customers WHERE customer_id = ?")
 *     .rowMapper(row -> new Customer(row.getString(1), row.getString(2)))
 *     .cacheSize(10_000).cacheTtl(Duration.ofMinutes(5))
 *     .build();
 * orders.map(customers.enrich(Order::customerId,
 *     (order, customer) -> new EnrichedOrder(order, customer.orElse(Customer.UNKNOWN))));
 * }</pre>
 *
 * <p><b>Today: blocking, in a map step.</b> {@link #enrich} wraps the lookup in a map function
 * that calls {@link #lookup}: a cache hit costs a map read, a miss waits for one query on the
 * worker thread that runs the step, holding up the other steps on that thread meanwhile. Give the
 * cache enough room and time to make misses rare, or raise the step's parallelism.
 *
 * <p><b>Later: asynchronous.</b> {@link #lookupAsync} answers from the cache at once or runs the
 * query on the lookup's own small executor (as many threads as pool connections) and completes the
 * future there. It is the call an async I/O operator (not built yet) will make, so that a miss
 * waits without holding a worker thread; {@link #lookup} is {@code lookupAsync(key).join()}.
 *
 * <p><b>Lifecycle and threads.</b> A lookup is configuration until first used; then it opens its
 * cache, a HikariCP pool of {@code poolSize} connections and its executor, and keeps them until
 * {@link #close}. It is {@link Serializable}: a job gives each subtask its own copy of the
 * function that holds it, and each copy opens its own cache and pool (what {@link #enrich}'s
 * function closes when its subtask ends). One opened lookup may be used from several threads.
 * Query failures surface as a {@link RunnelException} naming the query and the key.
 *
 * @param <K> key type, bound with {@code setObject}
 * @param <V> value type
 */
@Public
public final class JdbcLookup<K, V> implements Serializable, AutoCloseable {
  private static final long serialVersionUID = 1L;
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final JdbcConnectionOptions connection;
  private final String query;
  private final JdbcRowMapper<? extends V> rowMapper;
  private final int cacheSize;
  private final Duration cacheTtl;
  private final int poolSize;
  /** Null for System::nanoTime; set by tests to move time. */
  private final LongSupplier ticker;

  private transient volatile Opened<K, V> opened;
  private transient AtomicLong queries;

  /** What a lookup holds once used. */
  private record Opened<K, V>(LookupCache<K, V> cache, HikariDataSource pool,
      ExecutorService executor) {}

  private JdbcLookup(Builder<K, V> builder) {
    this.connection = Objects.requireNonNull(builder.connection, "connection");
    this.query = Objects.requireNonNull(builder.query, "query");
    this.rowMapper = Objects.requireNonNull(builder.rowMapper, "rowMapper");
    this.cacheSize = builder.cacheSize;
    this.cacheTtl = builder.cacheTtl;
    this.poolSize = builder.poolSize;
    this.ticker = builder.ticker;
  }

  /** A builder of a lookup connecting with {@code connection}. */
  public static <K, V> Builder<K, V> builder(JdbcConnectionOptions connection) {
    return new Builder<>(connection);
  }

  /**
   * The answer for {@code key}, from the cache or the database; blocks for the query on a miss.
   *
   * @throws RunnelException if the query fails
   */
  public Optional<V> lookup(K key) {
    try {
      return lookupAsync(key).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RunnelException r ? r
          : new RunnelException("lookup of " + key + " failed: " + e.getCause(), e.getCause());
    }
  }

  /**
   * The answer for {@code key}: completed at once from the cache, or later on the lookup's
   * executor after the query. Concurrent misses on one key may each query; the last answer stays
   * cached.
   */
  public CompletableFuture<Optional<V>> lookupAsync(K key) {
    Opened<K, V> o = open();
    Optional<V> cached = o.cache().get(key);
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    return CompletableFuture.supplyAsync(() -> {
      Optional<V> loaded = query(o.pool(), key);
      o.cache().put(key, loaded);
      return loaded;
    }, o.executor());
  }

  /**
   * A map function for a stream of {@code I}: looks up {@code keyOf(record)} and combines the
   * record with the answer. Each subtask's copy opens its own lookup and closes it at the end.
   */
  public <I, O> MapFunction<I, O> enrich(KeySelector<I, K> keyOf,
      SerializableBiFunction<I, Optional<V>, O> combine) {
    return new JdbcEnrichFunction<>(this, keyOf, combine);
  }

  /**
   * A {@link BiFunction} that can be copied to subtasks with the function that holds it.
   *
   * @param <A> first argument
   * @param <B> second argument
   * @param <R> result
   */
  @FunctionalInterface
  public interface SerializableBiFunction<A, B, R> extends BiFunction<A, B, R>, Serializable {}

  /** Queries sent to the database so far by this copy: cache misses. */
  public long queryCount() {
    AtomicLong q = queries;
    return q == null ? 0 : q.get();
  }

  /** Entries in this copy's cache. */
  public int cachedEntries() {
    Opened<K, V> o = opened;
    return o == null ? 0 : o.cache().size();
  }

  /** Closes the pool and the executor, if opened; a later lookup opens them again. */
  @Override
  public synchronized void close() {
    Opened<K, V> o = opened;
    opened = null;
    if (o != null) {
      o.executor().shutdownNow();
      o.pool().close();
    }
  }

  private Opened<K, V> open() {
    Opened<K, V> o = opened;
    if (o != null) {
      return o;
    }
    synchronized (this) {
      if (opened == null) {
        int n = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(poolSize, r -> {
          Thread t = new Thread(r, "runnel-jdbc-lookup-" + n + "-" + threads.incrementAndGet());
          t.setDaemon(true); // a lookup the user forgot to close must not keep the JVM alive
          return t;
        });
        queries = new AtomicLong();
        opened = new Opened<>(
            new LookupCache<>(cacheSize, cacheTtl.toNanos(), ticker != null ? ticker : System::nanoTime),
            connection.openPool("runnel-jdbc-lookup-" + n, poolSize), executor);
      }
      return opened;
    }
  }

  private Optional<V> query(HikariDataSource pool, K key) {
    queries.incrementAndGet();
    try (Connection c = pool.getConnection(); PreparedStatement st = c.prepareStatement(query)) {
      st.setObject(1, key);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rowMapper.map(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new RunnelException("lookup of key " + key + " failed (" + query + " at "
          + connection.describe() + "): " + SqlErrors.describe(e), e);
    }
  }

  @Override
  public String toString() {
    return "JdbcLookup(" + query + " at " + connection.describe() + ")";
  }

  /**
   * Configures a {@link JdbcLookup}: {@link #query} and {@link #rowMapper} are required; the cache
   * holds 10,000 entries for 1 minute and the pool 2 connections unless told otherwise.
   *
   * @param <K> key type
   * @param <V> value type
   */
  public static final class Builder<K, V> {
    private final JdbcConnectionOptions connection;
    private String query;
    private JdbcRowMapper<? extends V> rowMapper;
    private int cacheSize = 10_000;
    private Duration cacheTtl = Duration.ofMinutes(1);
    private int poolSize = 2;
    private LongSupplier ticker;

    private Builder(JdbcConnectionOptions connection) {
      this.connection = connection;
    }

    /** A query with one parameter, the key; its first row is the answer. */
    public Builder<K, V> query(String query) {
      this.query = query;
      return this;
    }

    /** Turns the first row into the answer. */
    public Builder<K, V> rowMapper(JdbcRowMapper<? extends V> rowMapper) {
      this.rowMapper = rowMapper;
      return this;
    }

    /** Most entries cached (least recently used evicted first); 0 caches nothing. */
    public Builder<K, V> cacheSize(int cacheSize) {
      if (cacheSize < 0) {
        throw new IllegalArgumentException("cache size must not be negative, got " + cacheSize);
      }
      this.cacheSize = cacheSize;
      return this;
    }

    /** How long an answer is used after it was loaded (positive). */
    public Builder<K, V> cacheTtl(Duration cacheTtl) {
      if (cacheTtl == null || cacheTtl.isNegative() || cacheTtl.isZero()) {
        throw new IllegalArgumentException("cache TTL must be positive, got " + cacheTtl);
      }
      this.cacheTtl = cacheTtl;
      return this;
    }

    /** Connections, and executor threads, for concurrent queries (at least 1). */
    public Builder<K, V> poolSize(int poolSize) {
      if (poolSize < 1) {
        throw new IllegalArgumentException("pool size must be at least 1, got " + poolSize);
      }
      this.poolSize = poolSize;
      return this;
    }

    /** The clock of the cache's TTL, in nanoseconds: for tests that move time. */
    Builder<K, V> ticker(LongSupplier ticker) {
      this.ticker = ticker;
      return this;
    }

    public JdbcLookup<K, V> build() {
      return new JdbcLookup<>(this);
    }
  }
}
