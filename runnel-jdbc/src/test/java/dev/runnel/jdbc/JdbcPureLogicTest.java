package dev.runnel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL the sinks send and the transaction ids they use; no database needed. */
class JdbcPureLogicTest {
  @Test
  void when_someColumnsAreNotKeys_then_upsertUpdatesThemFromExcluded() {
    InsertStatement s = new InsertStatement("shop.totals", List.of("id", "region", "total"));

    assertThat(s.insert()).isEqualTo("INSERT INTO shop.totals (id, region, total) VALUES (?, ?, ?)");
    assertThat(s.upsert(List.of("id", "region"))).isEqualTo(
        "INSERT INTO shop.totals (id, region, total) VALUES (?, ?, ?)"
            + " ON CONFLICT (id, region) DO UPDATE SET total = EXCLUDED.total");
    assertThat(s.upsert(List.of("id", "region", "total"))).endsWith("DO NOTHING");
  }

  @Test
  void when_namesAreNotPlainIdentifiers_then_rejected() {
    assertThatThrownBy(() -> new InsertStatement("t; DROP TABLE x", List.of("a")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain SQL identifier");
    assertThatThrownBy(() -> new InsertStatement("t", List.of("a", "\"b\"")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"b\"");
    assertThatThrownBy(() -> new InsertStatement("t", List.of("a")).upsert(List.of("b")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not among");
  }

  @Test
  void when_sinkIdsSharePrefix_then_eachClaimsOnlyItsOwnGids() {
    String gid = TransactionIds.gid("orders-eu", 1, 42);

    assertThat(gid).isEqualTo("runnel-orders-eu-1-42");
    assertThat(TransactionIds.belongsTo(gid, "orders-eu")).isTrue();
    assertThat(TransactionIds.belongsTo(gid, "orders")).isFalse();
    assertThat(TransactionIds.belongsTo("runnel-orders-eu-x-1", "orders-eu")).isFalse();
    assertThat(TransactionIds.likePattern("a_b")).isEqualTo("runnel-a\\_b-%");
  }

  @Test
  void when_sinkIdCouldBreakTheLiteral_then_rejected() {
    assertThatThrownBy(() -> TransactionIds.checkSinkId("it's"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TransactionIds.checkSinkId("x".repeat(121)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TransactionIds.checkSinkId("order-totals.v2_eu")).isEqualTo("order-totals.v2_eu");
  }

  @Test
  void when_cacheIsFull_then_leastRecentlyUsedGoes_and_entriesExpireAfterTtl() {
    long[] now = {0};
    LookupCache<String, String> cache = new LookupCache<>(2, 100, () -> now[0]);
    cache.put("a", java.util.Optional.of("A"));
    cache.put("b", java.util.Optional.empty());
    assertThat(cache.get("a")).contains("A"); // a is now the most recently used
    cache.put("c", java.util.Optional.of("C"));

    assertThat(cache.get("b")).isNull();
    assertThat(cache.get("a")).contains("A");
    assertThat(cache.size()).isEqualTo(2);
    now[0] = 99;
    assertThat(cache.get("c")).contains("C");
    now[0] = 100;
    assertThat(cache.get("c")).isNull();
  }
}
