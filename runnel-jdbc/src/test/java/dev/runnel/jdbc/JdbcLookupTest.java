package dev.runnel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.RunnelException;
import dev.runnel.test.JobTester;
import dev.runnel.test.TestRun;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link JdbcLookup} against a real PostgreSQL: cache hits, TTL, size bound, async, in a job. */
class JdbcLookupTest {
  record Order(String id, long customerId) {}

  record EnrichedOrder(String id, String customer) {}

  private final TestDatabase db = new TestDatabase();
  private final AtomicLong nanos = new AtomicLong();
  private String table;

  @BeforeEach
  void createCustomers() {
    table = db.newTable("customers");
    db.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name TEXT NOT NULL)");
    db.execute("INSERT INTO " + table + " VALUES (1, 'ann'), (2, 'bob'), (3, 'cy')");
  }

  @AfterEach
  void dropTables() {
    db.close();
  }

  private JdbcLookup.Builder<Long, String> customers() {
    return JdbcLookup.<Long, String>builder(db.options())
        .query("SELECT name FROM " + table + " WHERE id = ?")
        .rowMapper(row -> row.getString(1))
        .ticker(nanos::get);
  }

  @Test
  void when_keyWasLookedUpBefore_then_answerComesFromTheCache() {
    try (JdbcLookup<Long, String> lookup = customers().build()) {
      assertThat(lookup.lookup(1L)).contains("ann");
      db.execute("UPDATE " + table + " SET name = 'anne' WHERE id = 1");

      assertThat(lookup.lookup(1L)).as("cached, so the update is not seen").contains("ann");
      assertThat(lookup.queryCount()).isEqualTo(1);
    }
  }

  @Test
  void when_ttlHasPassed_then_theRowIsReadAgain() {
    try (JdbcLookup<Long, String> lookup = customers().cacheTtl(Duration.ofSeconds(10)).build()) {
      assertThat(lookup.lookup(1L)).contains("ann");
      db.execute("UPDATE " + table + " SET name = 'anne' WHERE id = 1");

      nanos.addAndGet(Duration.ofSeconds(9).toNanos());
      assertThat(lookup.lookup(1L)).contains("ann");
      nanos.addAndGet(Duration.ofSeconds(1).toNanos());
      assertThat(lookup.lookup(1L)).contains("anne");
      assertThat(lookup.queryCount()).isEqualTo(2);
    }
  }

  @Test
  void when_cacheIsFull_then_leastRecentlyUsedKeyIsEvicted() {
    try (JdbcLookup<Long, String> lookup = customers().cacheSize(2).build()) {
      lookup.lookup(1L);
      lookup.lookup(2L);
      lookup.lookup(1L); // 2 is now the least recently used
      lookup.lookup(3L);
      assertThat(lookup.cachedEntries()).isEqualTo(2);
      assertThat(lookup.queryCount()).isEqualTo(3);

      lookup.lookup(1L);
      assertThat(lookup.queryCount()).as("1 stayed cached").isEqualTo(3);
      assertThat(lookup.lookup(2L)).contains("bob");
      assertThat(lookup.queryCount()).as("2 was evicted").isEqualTo(4);
    }
  }

  @Test
  void when_rowIsMissing_then_emptyAnswerIsCachedToo() {
    try (JdbcLookup<Long, String> lookup = customers().build()) {
      assertThat(lookup.lookup(99L)).isEmpty();
      db.execute("INSERT INTO " + table + " VALUES (99, 'new')");

      assertThat(lookup.lookup(99L)).isEmpty();
      assertThat(lookup.queryCount()).isEqualTo(1);
    }
  }

  @Test
  void when_lookedUpAsynchronously_then_missesCompleteOnTheLookupsThreads() {
    try (JdbcLookup<Long, String> lookup = customers().build()) {
      CompletableFuture<String> thread = lookup.lookupAsync(2L)
          .thenApply(answer -> answer.orElseThrow() + "@" + Thread.currentThread().getName());
      assertThat(thread.join()).startsWith("bob@runnel-jdbc-lookup-");

      CompletableFuture<Optional<String>> hit = lookup.lookupAsync(2L);
      assertThat(hit).isCompletedWithValue(Optional.of("bob"));
    }
  }

  @Test
  void when_queryFails_then_errorNamesQueryAndKey() {
    try (JdbcLookup<Long, String> lookup = JdbcLookup.<Long, String>builder(db.options())
        .query("SELECT name FROM " + table + "_missing WHERE id = ?")
        .rowMapper(row -> row.getString(1)).build()) {
      assertThatThrownBy(() -> lookup.lookup(1L)).isInstanceOf(RunnelException.class)
          .hasMessageContaining("lookup of key 1").hasMessageContaining(table + "_missing");
    }
  }

  @Test
  void when_usedInAMapStep_then_eachSubtaskEnrichesThroughItsOwnCopy() {
    JdbcLookup<Long, String> lookup = JdbcLookup.<Long, String>builder(db.options())
        .query("SELECT name FROM " + table + " WHERE id = ?")
        .rowMapper(row -> row.getString(1))
        .cacheSize(100).cacheTtl(Duration.ofMinutes(1))
        .build();
    JobTester<Order, EnrichedOrder> tester = JobTester.forPipeline(
        orders -> orders.map(lookup.enrich(Order::customerId,
            (order, name) -> new EnrichedOrder(order.id(), name.orElse("?")))));

    TestRun<EnrichedOrder> run = tester.parallelism(2).run(List.of(
        new Order("o1", 1), new Order("o2", 2), new Order("o3", 1), new Order("o4", 7)));

    assertThat(run.output()).containsExactlyInAnyOrder(new EnrichedOrder("o1", "ann"),
        new EnrichedOrder("o2", "bob"), new EnrichedOrder("o3", "ann"),
        new EnrichedOrder("o4", "?"));
    assertThat(lookup.queryCount()).as("the job used copies, never this instance").isZero();
  }
}
