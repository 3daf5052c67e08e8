package dev.runnel.nexmark.queries;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.DataStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.CollectSink;
import dev.runnel.nexmark.Checksum;
import dev.runnel.nexmark.ChecksumSink;
import dev.runnel.nexmark.NexmarkQueries;
import dev.runnel.nexmark.generator.GeneratorConfig;
import dev.runnel.nexmark.generator.NexmarkGenerator;
import dev.runnel.nexmark.generator.NexmarkSource;
import dev.runnel.nexmark.model.Auction;
import dev.runnel.nexmark.model.Bid;
import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.model.Person;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each query on a small event sequence against a brute-force computation in plain Java over the
 * same events: these pin down each query's semantics.
 */
class QueriesTest {
  /** 30,000 events over 30 s of event time: several windows of every kind. */
  static final GeneratorConfig CONFIG =
      GeneratorConfig.builder().eventCount(30_000).firstEventRate(1_000).build();

  static List<Event> events;
  static List<Person> persons;
  static List<Auction> auctions;
  static List<Bid> bids;

  @BeforeAll
  static void generate() {
    NexmarkGenerator generator = new NexmarkGenerator(CONFIG);
    events = new ArrayList<>();
    persons = new ArrayList<>();
    auctions = new ArrayList<>();
    bids = new ArrayList<>();
    for (long n = 0; n < CONFIG.eventCount(); n++) {
      Event e = generator.eventAt(n);
      events.add(e);
      if (e.isPerson()) {
        persons.add(e.person());
      } else if (e.isAuction()) {
        auctions.add(e.auction());
      } else {
        bids.add(e.bid());
      }
    }
  }

  static <R> List<R> run(Function<DataStream<Event>, DataStream<R>> query, int parallelism) {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(parallelism);
    CollectSink<R> sink = new CollectSink<>();
    query.apply(NexmarkSource.events(env, CONFIG)).sinkTo(sink);
    env.execute("nexmark-test");
    return sink.records();
  }

  static <R> void check(Function<DataStream<Event>, DataStream<R>> query, List<R> expected) {
    for (int parallelism : new int[] {1, 3}) {
      List<R> actual = run(query, parallelism);
      assertThat(actual).as("parallelism " + parallelism)
          .hasSameSizeAs(expected)
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void q0PassesEveryEventThrough() {
    check(Q0::build, events);
  }

  @Test
  void q1ConvertsEveryBidsPriceToEuros() {
    List<Bid> expected = bids.stream().map(b -> new Bid(b.auction(), b.bidder(),
        (long) (b.price() * 0.908), b.channel(), b.url(), b.dateTime(), b.extra())).toList();
    assertThat(Q1.toEuros(1000)).isEqualTo(908);
    assertThat(Q1.toEuros(1)).isZero();
    check(Q1::build, expected);
  }

  @Test
  void q2SelectsBidsOnAuctionsDivisibleBy123() {
    List<Q2Result> expected = bids.stream().filter(b -> b.auction() % 123 == 0)
        .map(b -> new Q2Result(b.auction(), b.price())).toList();
    assertThat(expected).isNotEmpty();
    check(Q2::build, expected);
  }

  @Test
  void q3JoinsCategoryTenAuctionsWithSellersInOregonIdahoAndCalifornia() {
    Map<Long, Person> byId = persons.stream().collect(Collectors.toMap(Person::id, p -> p));
    List<Q3Result> expected = new ArrayList<>();
    for (Auction a : auctions) {
      Person seller = byId.get(a.seller());
      if (a.category() == 10 && Set.of("OR", "ID", "CA").contains(seller.state())) {
        expected.add(new Q3Result(seller.name(), seller.city(), seller.state(), a.id()));
      }
    }
    assertThat(expected).hasSizeGreaterThan(50);
    check(Q3::build, expected);
  }

  /** Winning bids by brute force: the best valid bid of each auction over all bids. */
  static List<Q9Result> winners() {
    Map<Long, List<Bid>> bidsByAuction = bids.stream().collect(Collectors.groupingBy(Bid::auction));
    List<Q9Result> winners = new ArrayList<>();
    for (Auction a : auctions) {
      Bid best = null;
      for (Bid b : bidsByAuction.getOrDefault(a.id(), List.of())) {
        boolean valid = b.dateTime() >= a.dateTime() && b.dateTime() < a.expires()
            && b.price() >= a.reserve();
        if (valid && (best == null || better(b, best))) {
          best = b;
        }
      }
      if (best != null) {
        winners.add(new Q9Result(a, best));
      }
    }
    return winners;
  }

  private static boolean better(Bid b, Bid best) {
    if (b.price() != best.price()) {
      return b.price() > best.price();
    }
    if (b.dateTime() != best.dateTime()) {
      return b.dateTime() < best.dateTime();
    }
    if (b.bidder() != best.bidder()) {
      return b.bidder() < best.bidder();
    }
    Comparator<Bid> rest = Comparator.comparing(Bid::channel).thenComparing(Bid::url)
        .thenComparing(Bid::extra);
    return rest.compare(b, best) < 0;
  }

  @Test
  void q9EmitsTheWinningBidOfEachAuction() {
    List<Q9Result> expected = winners();
    assertThat(expected).hasSizeGreaterThan(100);
    // the validity rules matter: without them other bids would win
    assertThat(expected).allSatisfy(w -> assertThat(Q9.isValid(w.auction(), w.bid())).isTrue());
    check(Q9::build, expected);
  }

  @Test
  void q4AveragesWinningPricesPerCategoryInOrderOfAuctionClose() {
    Map<Long, TreeMap<Long, long[]>> byCategory = new TreeMap<>();
    for (Q9Result w : winners()) {
      long[] acc = byCategory.computeIfAbsent(w.auction().category(), c -> new TreeMap<>())
          .computeIfAbsent(w.auction().expires(), t -> new long[2]);
      acc[0] += w.bid().price();
      acc[1]++;
    }
    List<Q4Result> expected = new ArrayList<>();
    byCategory.forEach((category, closes) -> {
      long sum = 0;
      long count = 0;
      for (Map.Entry<Long, long[]> close : closes.entrySet()) {
        sum += close.getValue()[0];
        count += close.getValue()[1];
        expected.add(new Q4Result(category, close.getKey(), count, (double) sum / count));
      }
    });
    check(Q4::build, expected);
  }

  @Test
  void q5FindsTheAuctionsWithTheMostBidsPerSlidingWindow() {
    Set<Long> ends = new HashSet<>();
    for (Bid b : bids) {
      long lastStart = b.dateTime() - Math.floorMod(b.dateTime(), 2000);
      for (long start = lastStart; start > b.dateTime() - 10_000; start -= 2000) {
        ends.add(start + 10_000);
      }
    }
    List<Q5Result> expected = new ArrayList<>();
    for (long end : ends) {
      Map<Long, Long> counts = new HashMap<>();
      for (Bid b : bids) {
        if (b.dateTime() >= end - 10_000 && b.dateTime() < end) {
          counts.merge(b.auction(), 1L, Long::sum);
        }
      }
      long max = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      counts.forEach((auction, count) -> {
        if (count == max) {
          expected.add(new Q5Result(end, auction, count));
        }
      });
    }
    assertThat(ends.size()).isGreaterThan(15);
    check(Q5::build, expected);
  }

  @Test
  void q7FindsTheHighestBidsPerTumblingWindow() {
    Map<Long, List<Bid>> byWindow = bids.stream()
        .collect(Collectors.groupingBy(b -> b.dateTime() - Math.floorMod(b.dateTime(), 10_000)));
    List<Q7Result> expected = new ArrayList<>();
    byWindow.forEach((start, inWindow) -> {
      long max = inWindow.stream().mapToLong(Bid::price).max().orElseThrow();
      inWindow.stream().filter(b -> b.price() == max)
          .forEach(b -> expected.add(new Q7Result(start + 10_000, b)));
    });
    assertThat(byWindow).hasSizeGreaterThanOrEqualTo(3);
    check(Q7::build, expected);
  }

  @Test
  void q8FindsPersonsWhoOpenedAnAuctionInTheirRegistrationWindow() {
    Set<List<Long>> sellerWindows = new HashSet<>();
    for (Auction a : auctions) {
      sellerWindows.add(List.of(a.seller(), a.dateTime() - Math.floorMod(a.dateTime(), 10_000)));
    }
    List<Q8Result> expected = new ArrayList<>();
    for (Person p : persons) {
      long window = p.dateTime() - Math.floorMod(p.dateTime(), 10_000);
      if (sellerWindows.contains(List.of(p.id(), window))) {
        expected.add(new Q8Result(p.id(), p.name(), window));
      }
    }
    assertThat(expected).hasSizeGreaterThan(10).hasSizeLessThan(persons.size());
    check(Q8::build, expected);
  }

  @Test
  void q11CountsBidsPerBidderSession() {
    Map<Long, List<Long>> times = new TreeMap<>();
    for (Bid b : bids) {
      times.computeIfAbsent(b.bidder(), k -> new ArrayList<>()).add(b.dateTime());
    }
    List<Q11Result> expected = new ArrayList<>();
    times.forEach((bidder, ts) -> {
      ts.sort(Comparator.naturalOrder());
      long start = ts.get(0);
      long last = start;
      long count = 0;
      for (long t : ts) {
        if (t > last + 10_000) {
          expected.add(new Q11Result(bidder, count, start, last + 10_000));
          start = t;
          count = 0;
        }
        last = t;
        count++;
      }
      expected.add(new Q11Result(bidder, count, start, last + 10_000));
    });
    assertThat(expected.size()).isGreaterThan(times.size());
    check(Q11::build, expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void q12CountsEveryBidInSomeProcessingTimeWindow(int parallelism) {
    long before = System.currentTimeMillis();
    List<Q12Result> results = run(Q12::build, parallelism);
    long after = System.currentTimeMillis();
    assertThat(results.stream().mapToLong(Q12Result::count).sum()).isEqualTo(bids.size());
    Map<Long, Long> perBidder = new HashMap<>();
    for (Q12Result r : results) {
      assertThat(r.windowEnd() - r.windowStart()).isEqualTo(10_000);
      assertThat(r.windowStart() % 10_000).isZero();
      assertThat(r.windowEnd()).isGreaterThan(before);
      assertThat(r.windowStart()).isLessThanOrEqualTo(after);
      perBidder.merge(r.bidder(), r.count(), Long::sum);
    }
    Map<Long, Long> expected = bids.stream()
        .collect(Collectors.groupingBy(Bid::bidder, Collectors.counting()));
    assertThat(perBidder).isEqualTo(expected);
  }

  @Test
  void checksumSinkMatchesTheChecksumOfTheCollectedOutput() {
    for (String name : List.of("q2", "q5", "q9")) {
      NexmarkQueries.Query query = NexmarkQueries.get(name);
      List<Object> collected = run(query::build, 2);
      StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
      ChecksumSink<Object> sink = new ChecksumSink<>();
      query.build(NexmarkSource.events(env, CONFIG)).sinkTo(sink);
      env.execute("checksum-" + name);
      assertThat(sink.result()).as(name).isEqualTo(Checksum.of(collected));
      assertThat(sink.result().count()).isEqualTo(collected.size()).isPositive();
    }
  }
}
