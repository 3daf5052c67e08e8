package dev.runnel.nexmark;

import dev.runnel.api.DataStream;
import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.queries.Q0;
import dev.runnel.nexmark.queries.Q1;
import dev.runnel.nexmark.queries.Q11;
import dev.runnel.nexmark.queries.Q12;
import dev.runnel.nexmark.queries.Q2;
import dev.runnel.nexmark.queries.Q3;
import dev.runnel.nexmark.queries.Q4;
import dev.runnel.nexmark.queries.Q5;
import dev.runnel.nexmark.queries.Q7;
import dev.runnel.nexmark.queries.Q8;
import dev.runnel.nexmark.queries.Q9;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The NEXMark queries Runnel implements, by name ({@code q0} … {@code q12}), in order. */
public final class NexmarkQueries {
  private static final Map<String, Query> QUERIES = new LinkedHashMap<>();

  static {
    add("q0", "pass-through: every event", true, Q0::build);
    add("q1", "currency conversion: every bid, price (long) (price * 0.908)", true, Q1::build);
    add("q2", "selection: auction and price of bids with auction % 123 == 0", true, Q2::build);
    add("q3", "local item suggestion: category-10 auctions joined with their sellers in OR, ID, CA",
        true, Q3::build);
    add("q4", "average winning price per category, updated at each auction close", true,
        Q4::build);
    add("q5", "hot items: auctions with the most bids per 10 s window sliding every 2 s", true,
        Q5::build);
    add("q7", "highest bid(s) per 10 s tumbling window", true, Q7::build);
    add("q8", "new users: persons who opened an auction in their registration's 10 s window",
        true, Q8::build);
    add("q9", "winning bid of each auction", true, Q9::build);
    add("q11", "bids per bidder per event-time session (10 s gap)", true, Q11::build);
    add("q12", "bids per bidder per 10 s processing-time window", false, Q12::build);
  }

  private NexmarkQueries() {}

  private static void add(String name, String description, boolean deterministic,
      Function<DataStream<Event>, ? extends DataStream<?>> builder) {
    QUERIES.put(name, new Query(name, description, deterministic, builder));
  }

  /** Every query, by name, in order. */
  public static Map<String, Query> all() {
    return Collections.unmodifiableMap(QUERIES);
  }

  /**
   * The query called {@code name} ({@code "q5"} or {@code "Q5"}).
   *
   * @throws IllegalArgumentException if there is none
   */
  public static Query get(String name) {
    Query query = QUERIES.get(name.toLowerCase(Locale.ROOT));
    if (query == null) {
      throw new IllegalArgumentException("unknown NEXMark query '" + name + "'; known: "
          + QUERIES.keySet());
    }
    return query;
  }

  /**
   * One query.
   *
   * @param name {@code q0} … {@code q12}
   * @param description what it computes, in a line
   * @param deterministic true if its output (as a multiset) depends only on the generator config,
   *     not on timing or parallelism: all but q12, which uses processing time
   * @param builder adds the query to an event stream and returns its results
   */
  public record Query(String name, String description, boolean deterministic,
      Function<DataStream<Event>, ? extends DataStream<?>> builder) {

    /** Adds the query to {@code events} and returns its result stream. */
    @SuppressWarnings("unchecked")
    public DataStream<Object> build(DataStream<Event> events) {
      return (DataStream<Object>) builder.apply(events);
    }
  }
}
