package dev.runnel.nexmark.generator;

import java.io.Serializable;

/**
 * Everything that determines the NEXMark event sequence: two generators with equal configs produce
 * identical events, event by event. Build one with {@link #builder()}; {@link #defaults()} is the
 * standard setup.
 *
 * <p><b>Event mix.</b> Event numbers are grouped in blocks of {@code personProportion +
 * auctionProportion + bidProportion} (1 + 3 + 46 = 50): in each block the first {@code
 * personProportion} events are persons, the next {@code auctionProportion} auctions, the rest bids.
 *
 * <p><b>Event time.</b> Event {@code n} happens at {@code baseTime + floor(n * 1000 /
 * firstEventRate)} epoch milliseconds: the events are spaced {@code 1e6 / firstEventRate}
 * microseconds apart and their time is rounded down to the millisecond (computed exactly in
 * integers, no floating point).
 *
 * @param firstEventRate events per second of event time; sets how fast event time advances with
 *     the event number (default 10,000,000: one millisecond of event time per 10,000 events). It
 *     does not limit how fast events are produced in wall-clock time
 * @param eventCount number of events, numbered {@code 0 … eventCount-1}; {@code -1} for an
 *     unbounded sequence (default 10,000,000)
 * @param seed seed of every random choice (default 42)
 * @param baseTime event time of event 0, epoch milliseconds (default 1,704,067,200,000 =
 *     2024-01-01T00:00:00Z, a multiple of every window size the queries use)
 * @param personProportion persons per block of events (default 1)
 * @param auctionProportion auctions per block of events (default 3)
 * @param bidProportion bids per block of events (default 46)
 * @param hotAuctionRatio a bid goes to the current "hot" auction with probability {@code (ratio -
 *     1) / ratio}, otherwise to a uniformly chosen in-flight auction (default 2: half the bids).
 *     The hot auction is the newest auction whose 0-based index is a multiple of the ratio
 * @param hotBidderRatio a bid comes from the current "hot" bidder with probability {@code (ratio -
 *     1) / ratio}, otherwise from a uniformly chosen active person (default 4). The hot bidder is
 *     the newest person whose 0-based index is a multiple of the ratio
 * @param hotSellerRatio an auction is sold by the current "hot" seller with probability {@code
 *     (ratio - 1) / ratio}, otherwise by a uniformly chosen active person (default 4)
 * @param numInFlightAuctions a non-hot bid picks among the newest this many auctions (default 100)
 * @param numActivePeople non-hot bidders and sellers are picked among the newest this many persons
 *     (default 1000)
 * @param avgPersonByteSize average size a person is padded to with {@code extra} (default 200).
 *     Sizes are estimated as 8 bytes per number plus one per character; the padding is the missing
 *     size ±20%, uniformly, and empty when the fields alone reach the average
 * @param avgAuctionByteSize average size an auction is padded to (default 500)
 * @param avgBidByteSize average size a bid is padded to (default 100)
 * @param auctionExpiryHorizonMillis an auction lasts {@code 1 + uniform[0, 2 * horizon)}
 *     milliseconds. 0 (the default) derives the horizon from the event rate: the event time it
 *     takes to create {@code numInFlightAuctions} auctions: with {@code e = floor(numInFlightAuctions
 *     * blockSize / auctionProportion)} events, {@code ceil(e * 1000 / firstEventRate)} ms, at
 *     least 1 ms; so an auction lives
 *     about as long as it stays among the in-flight auctions bids pick from
 * @param firstPersonId id of the first person (default 1000)
 * @param firstAuctionId id of the first auction (default 1000)
 * @param firstCategoryId id of the first category (default 10)
 * @param numCategories categories are {@code firstCategoryId … firstCategoryId + numCategories -
 *     1}, chosen uniformly (default 5)
 * @param numChannels number of numbered bid channels {@code channel-0 …} (default 10,000); one
 *     bid in ten comes instead through one of the four named channels Apple, Google, Facebook,
 *     Baidu
 */
public record GeneratorConfig(
    long firstEventRate,
    long eventCount,
    long seed,
    long baseTime,
    int personProportion,
    int auctionProportion,
    int bidProportion,
    int hotAuctionRatio,
    int hotBidderRatio,
    int hotSellerRatio,
    int numInFlightAuctions,
    int numActivePeople,
    int avgPersonByteSize,
    int avgAuctionByteSize,
    int avgBidByteSize,
    long auctionExpiryHorizonMillis,
    long firstPersonId,
    long firstAuctionId,
    long firstCategoryId,
    int numCategories,
    int numChannels) implements Serializable {

  public static final long DEFAULT_BASE_TIME = 1_704_067_200_000L;

  public GeneratorConfig {
    positive(firstEventRate, "firstEventRate");
    if (eventCount < -1) {
      throw new IllegalArgumentException("eventCount must be >= 0, or -1 for unbounded, was "
          + eventCount);
    }
    if (baseTime < 0) {
      throw new IllegalArgumentException("baseTime must be >= 0, was " + baseTime);
    }
    positive(personProportion, "personProportion");
    positive(auctionProportion, "auctionProportion");
    positive(bidProportion, "bidProportion");
    positive(hotAuctionRatio, "hotAuctionRatio");
    positive(hotBidderRatio, "hotBidderRatio");
    positive(hotSellerRatio, "hotSellerRatio");
    positive(numInFlightAuctions, "numInFlightAuctions");
    positive(numActivePeople, "numActivePeople");
    nonNegative(avgPersonByteSize, "avgPersonByteSize");
    nonNegative(avgAuctionByteSize, "avgAuctionByteSize");
    nonNegative(avgBidByteSize, "avgBidByteSize");
    nonNegative(auctionExpiryHorizonMillis, "auctionExpiryHorizonMillis");
    nonNegative(firstPersonId, "firstPersonId");
    nonNegative(firstAuctionId, "firstAuctionId");
    nonNegative(firstCategoryId, "firstCategoryId");
    positive(numCategories, "numCategories");
    positive(numChannels, "numChannels");
    if (Math.max(avgPersonByteSize, Math.max(avgAuctionByteSize, avgBidByteSize)) > 1 << 20) {
      throw new IllegalArgumentException("average record sizes are limited to 1 MiB");
    }
  }

  /** The standard configuration (all defaults). */
  public static GeneratorConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy with another event count. */
  public GeneratorConfig withEventCount(long count) {
    return toBuilder().eventCount(count).build();
  }

  /** Events per block: {@code personProportion + auctionProportion + bidProportion}. */
  public int totalProportion() {
    return personProportion + auctionProportion + bidProportion;
  }

  public boolean isBounded() {
    return eventCount >= 0;
  }

  /** The auction expiry horizon in effect (see {@link #auctionExpiryHorizonMillis}). */
  public long effectiveExpiryHorizonMillis() {
    if (auctionExpiryHorizonMillis > 0) {
      return auctionExpiryHorizonMillis;
    }
    long events = (long) numInFlightAuctions * totalProportion() / auctionProportion;
    long millis = (events * 1000 + firstEventRate - 1) / firstEventRate;
    return Math.max(1, millis);
  }

  private static void positive(long value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
  }

  private static void nonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, was " + value);
    }
  }

  /** Builds a {@link GeneratorConfig}; every parameter starts at its default. */
  public static final class Builder {
    private long firstEventRate = 10_000_000;
    private long eventCount = 10_000_000;
    private long seed = 42;
    private long baseTime = DEFAULT_BASE_TIME;
    private int personProportion = 1;
    private int auctionProportion = 3;
    private int bidProportion = 46;
    private int hotAuctionRatio = 2;
    private int hotBidderRatio = 4;
    private int hotSellerRatio = 4;
    private int numInFlightAuctions = 100;
    private int numActivePeople = 1000;
    private int avgPersonByteSize = 200;
    private int avgAuctionByteSize = 500;
    private int avgBidByteSize = 100;
    private long auctionExpiryHorizonMillis = 0;
    private long firstPersonId = 1000;
    private long firstAuctionId = 1000;
    private long firstCategoryId = 10;
    private int numCategories = 5;
    private int numChannels = 10_000;

    private Builder() {}

    private Builder(GeneratorConfig c) {
      firstEventRate = c.firstEventRate;
      eventCount = c.eventCount;
      seed = c.seed;
      baseTime = c.baseTime;
      personProportion = c.personProportion;
      auctionProportion = c.auctionProportion;
      bidProportion = c.bidProportion;
      hotAuctionRatio = c.hotAuctionRatio;
      hotBidderRatio = c.hotBidderRatio;
      hotSellerRatio = c.hotSellerRatio;
      numInFlightAuctions = c.numInFlightAuctions;
      numActivePeople = c.numActivePeople;
      avgPersonByteSize = c.avgPersonByteSize;
      avgAuctionByteSize = c.avgAuctionByteSize;
      avgBidByteSize = c.avgBidByteSize;
      auctionExpiryHorizonMillis = c.auctionExpiryHorizonMillis;
      firstPersonId = c.firstPersonId;
      firstAuctionId = c.firstAuctionId;
      firstCategoryId = c.firstCategoryId;
      numCategories = c.numCategories;
      numChannels = c.numChannels;
    }

    public Builder firstEventRate(long eventsPerSecond) {
      this.firstEventRate = eventsPerSecond;
      return this;
    }

    public Builder eventCount(long count) {
      this.eventCount = count;
      return this;
    }

    public Builder unbounded() {
      this.eventCount = -1;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder baseTime(long epochMillis) {
      this.baseTime = epochMillis;
      return this;
    }

    public Builder proportions(int persons, int auctions, int bids) {
      this.personProportion = persons;
      this.auctionProportion = auctions;
      this.bidProportion = bids;
      return this;
    }

    public Builder hotAuctionRatio(int ratio) {
      this.hotAuctionRatio = ratio;
      return this;
    }

    public Builder hotBidderRatio(int ratio) {
      this.hotBidderRatio = ratio;
      return this;
    }

    public Builder hotSellerRatio(int ratio) {
      this.hotSellerRatio = ratio;
      return this;
    }

    public Builder numInFlightAuctions(int n) {
      this.numInFlightAuctions = n;
      return this;
    }

    public Builder numActivePeople(int n) {
      this.numActivePeople = n;
      return this;
    }

    public Builder avgPersonByteSize(int bytes) {
      this.avgPersonByteSize = bytes;
      return this;
    }

    public Builder avgAuctionByteSize(int bytes) {
      this.avgAuctionByteSize = bytes;
      return this;
    }

    public Builder avgBidByteSize(int bytes) {
      this.avgBidByteSize = bytes;
      return this;
    }

    public Builder auctionExpiryHorizonMillis(long millis) {
      this.auctionExpiryHorizonMillis = millis;
      return this;
    }

    public Builder firstPersonId(long id) {
      this.firstPersonId = id;
      return this;
    }

    public Builder firstAuctionId(long id) {
      this.firstAuctionId = id;
      return this;
    }

    public Builder firstCategoryId(long id) {
      this.firstCategoryId = id;
      return this;
    }

    public Builder numCategories(int n) {
      this.numCategories = n;
      return this;
    }

    public Builder numChannels(int n) {
      this.numChannels = n;
      return this;
    }

    public GeneratorConfig build() {
      return new GeneratorConfig(firstEventRate, eventCount, seed, baseTime, personProportion,
          auctionProportion, bidProportion, hotAuctionRatio, hotBidderRatio, hotSellerRatio,
          numInFlightAuctions, numActivePeople, avgPersonByteSize, avgAuctionByteSize,
          avgBidByteSize, auctionExpiryHorizonMillis, firstPersonId, firstAuctionId,
          firstCategoryId, numCategories, numChannels);
    }
  }
}
