package dev.runnel.nexmark.generator;

import dev.runnel.nexmark.model.Auction;
import dev.runnel.nexmark.model.Bid;
import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.model.Person;
import java.nio.charset.StandardCharsets;

/**
 * Generates NEXMark events: {@link #eventAt(long) eventAt(n)} is a pure function of the {@link
 * GeneratorConfig} and the event number {@code n}, so any event can be generated on its own, in
 * any order, by any thread, and parallel source subtasks can each generate a disjoint part of the
 * same sequence.
 *
 * <p><b>Kind and ids.</b> The kind of event {@code n} follows from {@code n mod blockSize} (see
 * {@link GeneratorConfig}). The {@code k}-th person (0-based, counting over the whole sequence)
 * has id {@code firstPersonId + k}, the {@code k}-th auction id {@code firstAuctionId + k}; both
 * follow from {@code n} by arithmetic ({@link #lastBase0PersonId}, {@link #lastBase0AuctionId}).
 * A bid only refers to auctions and persons created by earlier events, and an auction's seller is
 * always an existing person.
 *
 * <p><b>Randomness.</b> The random choices of event {@code n} come from a SplitMix64 sequence
 * seeded by a hash of ({@code seed}, {@code n}). Prices are log-uniform between 1 and 1,000,000
 * dollars ({@code round(10^(6u) * 100)} cents for a uniform {@code u} in [0, 1), with {@code 10^x}
 * interpolated linearly in a table of 4097 points computed with {@link StrictMath}, so the result
 * is the same on every JVM). The choice of hot or random auctions, bidders and sellers, auction
 * lengths, categories, channels and padding is described with the parameters of {@link
 * GeneratorConfig}.
 *
 * <p>An instance keeps its random state in a field: it is cheap to make but not thread-safe; use
 * one per thread.
 */
public final class NexmarkGenerator {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final int POOL_MASK = (1 << 14) - 1;
  private static final int PRICE_STEPS = 4096;
  private static final double[] POW10 = new double[PRICE_STEPS + 1];

  static {
    for (int i = 0; i <= PRICE_STEPS; i++) {
      POW10[i] = StrictMath.pow(10.0, 6.0 * i / PRICE_STEPS);
    }
  }

  private static final String[] FIRST_NAMES = {"Peter", "Paul", "Luke", "John", "Saul", "Vicky",
      "Kate", "Julie", "Sarah", "Deiter", "Walter"};
  private static final String[] LAST_NAMES = {"Shultz", "Abrams", "Spencer", "White", "Bartels",
      "Walton", "Smith", "Jones", "Noris"};
  private static final String[] NAMES = new String[FIRST_NAMES.length * LAST_NAMES.length];

  static {
    for (int f = 0; f < FIRST_NAMES.length; f++) {
      for (int l = 0; l < LAST_NAMES.length; l++) {
        NAMES[f * LAST_NAMES.length + l] = FIRST_NAMES[f] + " " + LAST_NAMES[l];
      }
    }
  }

  /** States persons live in; q3 selects OR, ID and CA. */
  static final String[] STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
  static final String[] CITIES = {"Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland",
      "Bend", "Redmond", "Seattle", "Kent", "Cheyenne"};
  private static final String[] HOT_CHANNELS = {"Apple", "Google", "Facebook", "Baidu"};
  private static final String[] HOT_URLS = {"https://www.nexmark.com/apple/item.htm?query=1",
      "https://www.nexmark.com/google/item.htm?query=1",
      "https://www.nexmark.com/facebook/item.htm?query=1",
      "https://www.nexmark.com/baidu/item.htm?query=1"};

  private final GeneratorConfig config;
  private final long total;
  private final long seedHash;
  private final long horizon;
  /**
   * Random lowercase letters that strings are cut from, as Latin-1 bytes: a {@code String} made
   * from them is one array copy (from {@code char}s it would be compressed character by character).
   */
  private final byte[] pool;
  private final String[] channelNames;
  private final String[] channelUrls;
  /**
   * Length of each channel's name plus its URL, for a bid's size: reading {@code length()} from
   * 2 of 20,000 strings picked at random cost a cache miss or two per bid, an eighth of the
   * generator's time.
   */
  private final int[] channelLengths;
  private long state;

  public NexmarkGenerator(GeneratorConfig config) {
    this.config = config;
    this.total = config.totalProportion();
    this.seedHash = mix(config.seed() ^ 0x6A09E667F3BCC909L);
    this.horizon = config.effectiveExpiryHorizonMillis();
    int maxAvg = Math.max(config.avgPersonByteSize(),
        Math.max(config.avgAuctionByteSize(), config.avgBidByteSize()));
    this.pool = new byte[POOL_MASK + 1 + 2 * maxAvg + 128];
    state = seedHash;
    for (int i = 0; i < pool.length; i++) {
      pool[i] = (byte) ('a' + bounded(26));
    }
    this.channelNames = new String[config.numChannels()];
    this.channelUrls = new String[config.numChannels()];
    this.channelLengths = new int[config.numChannels()];
    for (int c = 0; c < channelNames.length; c++) {
      channelNames[c] = "channel-" + c;
      state = mix(seedHash + c);
      channelUrls[c] = "https://www.nexmark.com/" + string(5) + "/" + string(5) + "/"
          + string(5) + "/item.htm?query=1&channel_id=" + c;
      channelLengths[c] = channelNames[c].length() + channelUrls[c].length();
    }
  }

  public GeneratorConfig config() {
    return config;
  }

  // ---------------------------------------------------------------- pure functions of the number

  /** The kind of event {@code n}. */
  public static Event.Type typeOf(GeneratorConfig config, long n) {
    long offset = n % config.totalProportion();
    if (offset < config.personProportion()) {
      return Event.Type.PERSON;
    }
    return offset < config.personProportion() + config.auctionProportion()
        ? Event.Type.AUCTION : Event.Type.BID;
  }

  /** Event time of event {@code n}: {@code baseTime + floor(n * 1000 / firstEventRate)}. */
  public static long timestampOf(GeneratorConfig config, long n) {
    return config.baseTime() + Math.multiplyExact(n, 1000L) / config.firstEventRate();
  }

  /**
   * 0-based index of the newest person created at or before event {@code n} (the person of event
   * {@code n} itself if it is one); its id is this plus {@code firstPersonId}.
   */
  public static long lastBase0PersonId(GeneratorConfig config, long n) {
    long total = config.totalProportion();
    long epoch = n / total;
    long offset = Math.min(n % total, config.personProportion() - 1);
    return epoch * config.personProportion() + offset;
  }

  /**
   * 0-based index of the newest auction created at or before event {@code n}, or -1 before the
   * first auction; its id is this plus {@code firstAuctionId}.
   */
  public static long lastBase0AuctionId(GeneratorConfig config, long n) {
    long total = config.totalProportion();
    long epoch = n / total;
    long offset = n % total;
    int persons = config.personProportion();
    int auctions = config.auctionProportion();
    if (offset < persons) {
      return epoch * auctions - 1;
    }
    return epoch * auctions + Math.min(offset - persons, auctions - 1);
  }

  // ------------------------------------------------------------------------------- generation

  /** Event number {@code n} of the sequence; {@code n >= 0}. */
  public Event eventAt(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("event number must be >= 0, was " + n);
    }
    state = mix(n ^ seedHash);
    long time = timestampOf(config, n);
    long offset = n % total;
    if (offset < config.personProportion()) {
      return Event.of(person(n, time));
    }
    if (offset < config.personProportion() + config.auctionProportion()) {
      return Event.of(auction(n, time));
    }
    return Event.of(bid(n, time));
  }

  private Person person(long n, long time) {
    long id = lastBase0PersonId(config, n) + config.firstPersonId();
    String name = NAMES[bounded(NAMES.length)];
    byte[] email = new byte[17];
    int at = (int) next() & POOL_MASK;
    System.arraycopy(pool, at, email, 0, 7);
    email[7] = '@';
    System.arraycopy(pool, at + 7, email, 8, 5);
    email[13] = '.';
    email[14] = 'c';
    email[15] = 'o';
    email[16] = 'm';
    String emailAddress = new String(email, StandardCharsets.ISO_8859_1);
    String creditCard = creditCard();
    String city = CITIES[bounded(CITIES.length)];
    String st = STATES[bounded(STATES.length)];
    int size = 16 + name.length() + emailAddress.length() + creditCard.length() + city.length()
        + st.length();
    return new Person(id, name, emailAddress, creditCard, city, st, time,
        extra(size, config.avgPersonByteSize()));
  }

  private Auction auction(long n, long time) {
    long id = lastBase0AuctionId(config, n) + config.firstAuctionId();
    long seller;
    int ratio = config.hotSellerRatio();
    if (bounded(ratio) > 0) {
      seller = (lastBase0PersonId(config, n) / ratio) * ratio;
    } else {
      seller = randomPerson(n);
    }
    seller += config.firstPersonId();
    long category = config.firstCategoryId() + bounded(config.numCategories());
    long initialBid = price();
    long reserve = initialBid + price();
    long expires = time + 1 + boundedLong(2 * horizon);
    String itemName = string(20);
    String description = string(100);
    int size = 56 + itemName.length() + description.length();
    return new Auction(id, itemName, description, initialBid, reserve, time, expires, seller,
        category, extra(size, config.avgAuctionByteSize()));
  }

  private Bid bid(long n, long time) {
    long auction;
    int ratio = config.hotAuctionRatio();
    if (bounded(ratio) > 0) {
      auction = (lastBase0AuctionId(config, n) / ratio) * ratio;
    } else {
      long last = lastBase0AuctionId(config, n);
      long min = Math.max(0, last - config.numInFlightAuctions() + 1);
      auction = min + boundedLong(last - min + 1);
    }
    auction += config.firstAuctionId();
    long bidder;
    ratio = config.hotBidderRatio();
    if (bounded(ratio) > 0) {
      bidder = (lastBase0PersonId(config, n) / ratio) * ratio;
    } else {
      bidder = randomPerson(n);
    }
    bidder += config.firstPersonId();
    long price = price();
    String channel;
    String url;
    int size = 32;
    if (bounded(10) == 0) {
      int c = bounded(HOT_CHANNELS.length);
      channel = HOT_CHANNELS[c];
      url = HOT_URLS[c];
      size += channel.length() + url.length();
    } else {
      int c = bounded(channelNames.length);
      channel = channelNames[c];
      url = channelUrls[c];
      size += channelLengths[c];
    }
    return new Bid(auction, bidder, price, channel, url, time,
        extra(size, config.avgBidByteSize()));
  }

  /** 0-based index of a uniformly chosen person among the newest {@code numActivePeople}. */
  private long randomPerson(long n) {
    long people = lastBase0PersonId(config, n) + 1;
    long active = Math.min(people, config.numActivePeople());
    return people - active + boundedLong(active);
  }

  /** Log-uniform price in cents, 100 … 100,000,000. */
  private long price() {
    double u = (next() >>> 11) * 0x1.0p-53 * PRICE_STEPS;
    int i = (int) u;
    double pow = POW10[i] + (POW10[i + 1] - POW10[i]) * (u - i);
    return Math.round(pow * 100.0);
  }

  private String creditCard() {
    byte[] digits = new byte[19];
    long a = next() >>> 1;
    long b = next() >>> 1;
    for (int i = 0; i < 19; i++) {
      if (i % 5 == 4) {
        digits[i] = ' ';
      } else if (i < 10) {
        digits[i] = (byte) ('0' + a % 10);
        a /= 10;
      } else {
        digits[i] = (byte) ('0' + b % 10);
        b /= 10;
      }
    }
    return new String(digits, StandardCharsets.ISO_8859_1);
  }

  /** Padding for a record whose fields take {@code size} bytes, towards an average of {@code avg}. */
  private String extra(int size, int avg) {
    if (size >= avg) {
      return "";
    }
    int missing = avg - size;
    int delta = missing / 5;
    return string(missing - delta + bounded(2 * delta + 1));
  }

  /** {@code length} random lowercase letters, {@code length} at most twice the largest average. */
  private String string(int length) {
    return new String(pool, (int) next() & POOL_MASK, length, StandardCharsets.ISO_8859_1);
  }

  // ---------------------------------------------------------------------------------- random

  private long next() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in {@code [0, bound)}, {@code bound} in {@code [1, 2^31)}. */
  private int bounded(int bound) {
    return (int) (((next() >>> 32) * bound) >>> 32);
  }

  /** Uniform in {@code [0, bound)}, {@code bound >= 1}. */
  private long boundedLong(long bound) {
    return (next() >>> 1) % bound;
  }

  /** The SplitMix64 finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
