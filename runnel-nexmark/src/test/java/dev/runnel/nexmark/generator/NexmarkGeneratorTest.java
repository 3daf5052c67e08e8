package dev.runnel.nexmark.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runnel.api.OutputTag;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.ReaderOutput;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.api.connector.SourceReaderContext;
import dev.runnel.nexmark.model.Auction;
import dev.runnel.nexmark.model.Bid;
import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.model.Person;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class NexmarkGeneratorTest {
  private static final GeneratorConfig CONFIG =
      GeneratorConfig.builder().eventCount(50_000).firstEventRate(1_000).build();

  private static List<Event> sequential(GeneratorConfig config) {
    NexmarkGenerator generator = new NexmarkGenerator(config);
    List<Event> events = new ArrayList<>();
    for (long n = 0; n < config.eventCount(); n++) {
      events.add(generator.eventAt(n));
    }
    return events;
  }

  @Test
  void sameConfigGivesSameEventsInAnyOrder() {
    List<Event> a = sequential(CONFIG);
    List<Event> b = sequential(CONFIG);
    assertThat(b).isEqualTo(a);
    NexmarkGenerator backwards = new NexmarkGenerator(CONFIG);
    for (int n = a.size() - 1; n >= 0; n -= 7) {
      assertThat(backwards.eventAt(n)).isEqualTo(a.get(n));
    }
  }

  @Test
  void anotherSeedGivesOtherEvents() {
    List<Event> a = sequential(CONFIG.withEventCount(1000));
    List<Event> b = sequential(CONFIG.toBuilder().eventCount(1000).seed(7).build());
    int same = 0;
    for (int i = 0; i < a.size(); i++) {
      same += a.get(i).equals(b.get(i)) ? 1 : 0;
    }
    assertThat(same).isZero();
    // kinds and times do not depend on the seed
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).type()).isEqualTo(a.get(i).type());
      assertThat(b.get(i).dateTime()).isEqualTo(a.get(i).dateTime());
    }
  }

  @Test
  void eachBlockOfFiftyHasOnePersonThreeAuctionsAndFortySixBids() {
    List<Event> events = sequential(CONFIG);
    for (int block = 0; block < events.size() / 50; block++) {
      for (int i = 0; i < 50; i++) {
        Event.Type expected = i == 0 ? Event.Type.PERSON : i < 4 ? Event.Type.AUCTION
            : Event.Type.BID;
        Event event = events.get(block * 50 + i);
        assertThat(event.type()).isEqualTo(expected);
        assertThat(NexmarkGenerator.typeOf(CONFIG, block * 50L + i)).isEqualTo(expected);
      }
    }
  }

  @Test
  void idsStartAtOneThousandAndAreConsecutive() {
    long nextPerson = 1000;
    long nextAuction = 1000;
    for (Event event : sequential(CONFIG)) {
      if (event.isPerson()) {
        assertThat(event.person().id()).isEqualTo(nextPerson++);
      } else if (event.isAuction()) {
        assertThat(event.auction().id()).isEqualTo(nextAuction++);
      }
    }
    assertThat(nextPerson).isEqualTo(1000 + 1000);
    assertThat(nextAuction).isEqualTo(1000 + 3000);
  }

  @Test
  void bidsAndAuctionsReferOnlyToExistingAuctionsAndPersons() {
    long lastPerson = -1;
    long lastAuction = -1;
    for (Event event : sequential(CONFIG)) {
      if (event.isPerson()) {
        lastPerson = event.person().id();
      } else if (event.isAuction()) {
        Auction a = event.auction();
        lastAuction = a.id();
        assertThat(a.seller()).isBetween(Math.max(1000, lastPerson - 1000), lastPerson);
      } else {
        Bid b = event.bid();
        assertThat(b.auction()).isBetween(1000L, lastAuction);
        assertThat(b.auction()).isGreaterThan(lastAuction - 100);
        assertThat(b.bidder()).isBetween(Math.max(1000, lastPerson - 1000), lastPerson);
      }
    }
  }

  @Test
  void hotAuctionsBiddersAndSellersDominate() {
    long lastPerson = -1;
    long lastAuction = -1;
    int bids = 0;
    int hotAuctionBids = 0;
    int hotBidderBids = 0;
    int auctions = 0;
    int hotSellerAuctions = 0;
    for (Event event : sequential(CONFIG)) {
      if (event.isPerson()) {
        lastPerson = event.person().id() - 1000;
      } else if (event.isAuction()) {
        lastAuction = event.auction().id() - 1000;
        auctions++;
        hotSellerAuctions += event.auction().seller() - 1000 == lastPerson / 4 * 4 ? 1 : 0;
      } else {
        bids++;
        hotAuctionBids += event.bid().auction() - 1000 == lastAuction / 2 * 2 ? 1 : 0;
        hotBidderBids += event.bid().bidder() - 1000 == lastPerson / 4 * 4 ? 1 : 0;
      }
    }
    // (ratio - 1) / ratio of the choices are hot, plus the random choices that hit it anyway
    assertThat((double) hotAuctionBids / bids).isCloseTo(0.5, within(0.03));
    assertThat((double) hotBidderBids / bids).isCloseTo(0.75, within(0.03));
    assertThat((double) hotSellerAuctions / auctions).isCloseTo(0.75, within(0.03));
  }

  @Test
  void timesFollowTheFirstEventRate() {
    List<Event> events = sequential(CONFIG);
    for (int n = 0; n < events.size(); n++) {
      assertThat(events.get(n).dateTime())
          .isEqualTo(GeneratorConfig.DEFAULT_BASE_TIME + n * 1000L / 1000);
    }
    GeneratorConfig fast = GeneratorConfig.defaults();
    assertThat(NexmarkGenerator.timestampOf(fast, 9_999)).isEqualTo(fast.baseTime());
    assertThat(NexmarkGenerator.timestampOf(fast, 10_000)).isEqualTo(fast.baseTime() + 1);
    assertThat(NexmarkGenerator.timestampOf(fast, 25_000_000)).isEqualTo(fast.baseTime() + 2500);
  }

  @Test
  void fieldsAreInTheirRanges() {
    List<Long> prices = new ArrayList<>();
    long bidBytes = 0;
    int bids = 0;
    int auctions = 0;
    int auctionsEndingWithinTwiceTheHorizon = 0;
    long horizon = CONFIG.effectiveExpiryHorizonMillis();
    assertThat(horizon).isEqualTo(1666); // 100 * 50 / 3 = 1666 events at 1000/s
    for (Event event : sequential(CONFIG)) {
      if (event.isPerson()) {
        Person p = event.person();
        assertThat(p.state()).isIn("AZ", "CA", "ID", "OR", "WA", "WY");
        assertThat(p.creditCard()).matches("\\d{4} \\d{4} \\d{4} \\d{4}");
        assertThat(p.emailAddress()).matches("[a-z]{7}@[a-z]{5}\\.com");
        assertThat(p.name()).contains(" ");
      } else if (event.isAuction()) {
        Auction a = event.auction();
        auctions++;
        assertThat(a.category()).isBetween(10L, 14L);
        assertThat(a.reserve()).isGreaterThan(a.initialBid());
        assertThat(a.expires()).isBetween(a.dateTime() + 1, a.dateTime() + 2 * horizon);
        assertThat(a.itemName()).hasSize(20);
      } else {
        Bid b = event.bid();
        bids++;
        prices.add(b.price());
        assertThat(b.price()).isBetween(100L, 100_000_000L);
        assertThat(b.url()).startsWith("https://www.nexmark.com/");
        bidBytes += 32 + b.channel().length() + b.url().length() + b.extra().length();
      }
    }
    // log-uniform over six decades: each decade holds about a sixth of the prices
    prices.sort(Comparator.naturalOrder());
    long belowThousandDollars = prices.stream().filter(p -> p < 100_000).count();
    assertThat((double) belowThousandDollars / bids).isCloseTo(0.5, within(0.02));
    long belowTenDollars = prices.stream().filter(p -> p < 1_000).count();
    assertThat((double) belowTenDollars / bids).isCloseTo(1 / 6.0, within(0.02));
    // most bids (channel and URL) exceed the default average of 100 without padding
    assertThat((double) bidBytes / bids).isGreaterThanOrEqualTo(100);
    assertThat(auctions).isEqualTo(3000);
  }

  @Test
  void extraPadsRecordsToTheirAverageSize() {
    GeneratorConfig config = CONFIG.toBuilder().eventCount(20_000).avgBidByteSize(400)
        .avgPersonByteSize(300).avgAuctionByteSize(600).build();
    long[] bytes = new long[3];
    int[] count = new int[3];
    for (Event event : sequential(config)) {
      int kind = event.type().ordinal();
      count[kind]++;
      if (event.isPerson()) {
        Person p = event.person();
        bytes[kind] += 16 + p.name().length() + p.emailAddress().length()
            + p.creditCard().length() + p.city().length() + p.state().length()
            + p.extra().length();
      } else if (event.isAuction()) {
        Auction a = event.auction();
        bytes[kind] += 56 + a.itemName().length() + a.description().length()
            + a.extra().length();
      } else {
        Bid b = event.bid();
        bytes[kind] += 32 + b.channel().length() + b.url().length() + b.extra().length();
      }
    }
    assertThat((double) bytes[0] / count[0]).isCloseTo(300, within(6.0));
    assertThat((double) bytes[1] / count[1]).isCloseTo(600, within(6.0));
    assertThat((double) bytes[2] / count[2]).isCloseTo(400, within(4.0));
  }

  @Test
  void namedChannelsCarryATenthOfTheBids() {
    int bids = 0;
    int named = 0;
    for (Event event : sequential(CONFIG)) {
      if (event.isBid()) {
        bids++;
        String channel = event.bid().channel();
        if (!channel.startsWith("channel-")) {
          assertThat(channel).isIn("Apple", "Google", "Facebook", "Baidu");
          named++;
        } else {
          assertThat(event.bid().url()).endsWith("channel_id=" + channel.substring(8));
        }
      }
    }
    assertThat((double) named / bids).isCloseTo(0.1, within(0.01));
  }

  // ------------------------------------------------------------------------------------ source

  @Test
  void subtasksGenerateDisjointPartsOfTheSameSequence() throws Exception {
    GeneratorConfig config = CONFIG.withEventCount(20_000);
    List<Event> expected = sequential(config);
    NexmarkSource source = new NexmarkSource(config);
    List<Event> all = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      List<Event> part = drain(source.createReader(context(s, 3)));
      for (int i = 0; i < part.size(); i++) {
        long n = s + 3L * i;
        assertThat(NexmarkSource.ownedBy(n, 3)).isEqualTo(s);
        assertThat(part.get(i)).isEqualTo(expected.get((int) n));
      }
      all.addAll(part);
    }
    assertThat(all).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(drain(source.createReader(context(0, 1)))).isEqualTo(expected);
  }

  @Test
  void restoredReadersGenerateExactlyWhatIsStillDue() throws Exception {
    GeneratorConfig config = CONFIG.withEventCount(10_000);
    NexmarkSource source = new NexmarkSource(config);
    List<Event> seen = new ArrayList<>();
    List<Object> states = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      SourceReader<Event> reader = source.createReader(context(s, 3));
      reader.open();
      Collecting out = new Collecting();
      for (int polls = 0; polls <= s; polls++) {
        reader.pollNext(out);
      }
      seen.addAll(out.events);
      states.addAll(reader.snapshotState(1));
    }
    // restore the three splits at parallelism 2: subtask 0 gets splits 0 and 2
    List<Event> rest = new ArrayList<>();
    rest.addAll(drain(source.restoreReader(context(0, 2), List.of(states.get(0), states.get(2)))));
    rest.addAll(drain(source.restoreReader(context(1, 2), List.of(states.get(1)))));
    List<Event> all = new ArrayList<>(seen);
    all.addAll(rest);
    assertThat(all).hasSize(10_000).containsExactlyInAnyOrderElementsOf(sequential(config));
  }

  private static List<Event> drain(SourceReader<Event> reader) throws Exception {
    reader.open();
    Collecting out = new Collecting();
    InputStatus status;
    do {
      status = reader.pollNext(out);
    } while (status != InputStatus.END_OF_INPUT);
    reader.close();
    return out.events;
  }

  private static SourceReaderContext context(int subtask, int parallelism) {
    return new SourceReaderContext() {
      @Override
      public String jobName() {
        return "test";
      }

      @Override
      public int subtaskIndex() {
        return subtask;
      }

      @Override
      public int parallelism() {
        return parallelism;
      }
    };
  }

  private static final class Collecting implements ReaderOutput<Event> {
    final List<Event> events = new ArrayList<>();

    @Override
    public void collect(Event record) {
      throw new AssertionError("events are emitted with their timestamp");
    }

    @Override
    public void collect(Event record, long timestamp) {
      assertThat(timestamp).isEqualTo(record.dateTime());
      if (!events.isEmpty()) {
        assertThat(timestamp).isGreaterThanOrEqualTo(events.get(events.size() - 1).dateTime());
      }
      events.add(record);
    }

    @Override
    public <X> void output(OutputTag<X> tag, X value) {
      throw new AssertionError("no side outputs");
    }
  }
}
