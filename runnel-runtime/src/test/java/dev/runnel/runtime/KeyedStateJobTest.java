package dev.runnel.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ListState;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.MapState;
import dev.runnel.api.state.MapStateDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** List and map state through the public API, in whole jobs at several parallelisms. */
class KeyedStateJobTest {
  private static final int USERS = 50;
  private static final int PAGES = 7;
  private static final int RECENT = 3;

  /** A click by user {@code id % USERS} on page {@code id % PAGES}. */
  record Click(String user, String page) {
    static Click of(long id) {
      return new Click("u" + id % USERS, "p" + id % PAGES);
    }
  }

  /** What the function says after each click: the user's count for the page, distinct pages, recent pages. */
  record Seen(String user, String page, long pageCount, int distinctPages, List<String> recent) {}

  /** Counts clicks per page in a map state, and keeps the last {@link #RECENT} pages in a list state. */
  static final class ClickTracker extends KeyedProcessFunction<String, Click, Seen> {
    private static final long serialVersionUID = 1L;

    private transient MapState<String, Long> countsByPage;
    private transient ListState<String> recentPages;

    @Override
    public void open(RuntimeContext context) {
      countsByPage = context.getMapState(new MapStateDescriptor<>("counts", String.class, Long.class));
      recentPages = context.getListState(new ListStateDescriptor<>("recent", String.class));
    }

    @Override
    public void processElement(Click click, Context<String> ctx, Collector<Seen> out)
        throws Exception {
      Long count = countsByPage.get(click.page());
      long next = count == null ? 1 : count + 1;
      countsByPage.put(click.page(), next);
      int distinct = 0;
      for (String ignored : countsByPage.keys()) {
        distinct++;
      }

      recentPages.add(click.page());
      List<String> recent = new ArrayList<>();
      recentPages.get().forEach(recent::add);
      if (recent.size() > RECENT) {
        recent = new ArrayList<>(recent.subList(recent.size() - RECENT, recent.size()));
        recentPages.update(recent);
      }
      out.collect(new Seen(ctx.getCurrentKey(), click.page(), next, distinct, List.copyOf(recent)));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void when_listAndMapStateUsedPerUser_then_everyOutputMatchesAPlainPerUserSimulation(
      int parallelism) {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(parallelism);
    List<Seen> out = env.fromCollection(LongStream.range(0, 5_000).mapToObj(Click::of).toList())
        .keyBy(Click::user)
        .process(new ClickTracker())
        .executeAndCollect();

    Map<String, List<Seen>> actual = new HashMap<>();
    for (Seen s : out) {
      actual.computeIfAbsent(s.user(), u -> new ArrayList<>()).add(s);
    }
    assertThat(actual).isEqualTo(simulate(5_000));
  }

  /** The expected outputs per user, in order, computed with plain maps and lists. */
  private static Map<String, List<Seen>> simulate(int clicks) {
    Map<String, Map<String, Long>> counts = new HashMap<>();
    Map<String, List<String>> recent = new HashMap<>();
    Map<String, List<Seen>> expected = new HashMap<>();
    for (long id = 0; id < clicks; id++) {
      Click c = Click.of(id);
      Map<String, Long> userCounts = counts.computeIfAbsent(c.user(), u -> new HashMap<>());
      long n = userCounts.merge(c.page(), 1L, Long::sum);
      List<String> r = recent.computeIfAbsent(c.user(), u -> new ArrayList<>());
      r.add(c.page());
      if (r.size() > RECENT) {
        r.remove(0);
      }
      expected.computeIfAbsent(c.user(), u -> new ArrayList<>())
          .add(new Seen(c.user(), c.page(), n, userCounts.size(), List.copyOf(r)));
    }
    return expected;
  }
}
