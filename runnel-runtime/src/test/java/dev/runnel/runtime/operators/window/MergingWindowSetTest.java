package dev.runnel.runtime.operators.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.window.EventTimeSessionWindows;
import dev.runnel.api.window.MergingWindowAssigner;
import dev.runnel.api.window.ProcessingTimeSessionWindows;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.Trigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MergingWindowSetTest {
  private final Map<TimeWindow, TimeWindow> mapping = new HashMap<>();
  private final MergingWindowSet<TimeWindow> set = new MergingWindowSet<>(
      EventTimeSessionWindows.withGap(Duration.ofMillis(10)), mapping);
  private final List<String> merges = new ArrayList<>();

  private TimeWindow add(long start, long end) throws Exception {
    return set.addWindow(new TimeWindow(start, end), (result, merged, stateResult, stateMerged) ->
        merges.add(result + " keeps " + stateResult + " takes " + stateMerged));
  }

  @Test
  void when_windowsAreApart_then_eachIsItsOwnStateWindow() throws Exception {
    assertThat(add(0, 10)).isEqualTo(new TimeWindow(0, 10));
    assertThat(add(20, 30)).isEqualTo(new TimeWindow(20, 30));
    assertThat(merges).isEmpty();
    assertThat(set.stateWindow(new TimeWindow(20, 30))).isEqualTo(new TimeWindow(20, 30));
  }

  @Test
  void when_newWindowBridgesTwo_then_allMergeAndOneStateWindowSurvives() throws Exception {
    add(0, 10);
    add(20, 30);
    TimeWindow merged = add(8, 22);
    assertThat(merged).isEqualTo(new TimeWindow(0, 30));
    assertThat(merges).hasSize(1);
    assertThat(merges.get(0)).startsWith("TimeWindow[0, 30) keeps ");
    TimeWindow stateWindow = set.stateWindow(merged);
    assertThat(stateWindow).isIn(new TimeWindow(0, 10), new TimeWindow(20, 30));
    assertThat(mapping).hasSize(1);
  }

  @Test
  void when_newWindowLiesInsideAnExistingOne_then_nothingMerges() throws Exception {
    add(0, 20);
    assertThat(add(5, 15)).isEqualTo(new TimeWindow(0, 20));
    assertThat(merges).isEmpty();
    assertThat(add(0, 20)).isEqualTo(new TimeWindow(0, 20));
    assertThat(merges).isEmpty();
  }

  @Test
  void when_newWindowExtendsOne_then_itKeepsTheOldStateWindow() throws Exception {
    add(0, 10);
    assertThat(add(5, 15)).isEqualTo(new TimeWindow(0, 15));
    assertThat(set.stateWindow(new TimeWindow(0, 15))).isEqualTo(new TimeWindow(0, 10));
    assertThat(merges).containsExactly("TimeWindow[0, 15) keeps TimeWindow[0, 10) takes []");
  }

  @Test
  void when_windowRetires_then_itIsGone() throws Exception {
    add(0, 10);
    set.retireWindow(new TimeWindow(0, 10));
    assertThat(set.isEmpty()).isTrue();
    assertThat(set.stateWindow(new TimeWindow(0, 10))).isNull();
  }

  @Test
  void when_newWindowTouchesAnExistingOne_then_theyMerge() throws Exception {
    add(0, 10);
    assertThat(add(10, 20)).isEqualTo(new TimeWindow(0, 20)); // exactly gap apart: they touch
    assertThat(merges).containsExactly("TimeWindow[0, 20) keeps TimeWindow[0, 10) takes []");
    assertThat(mapping).containsExactly(Map.entry(new TimeWindow(0, 20), new TimeWindow(0, 10)));
  }

  @Test
  void when_outOfOrderWindowExtendsOneToTheLeft_then_itKeepsTheOldStateWindow() throws Exception {
    add(20, 30);
    List<List<TimeWindow>> groups = new ArrayList<>();
    TimeWindow merged = set.addWindow(new TimeWindow(15, 25), (result, group, sr, sm) -> {
      groups.add(List.copyOf(group));
      assertThat(sm).isEmpty();
    });
    assertThat(merged).isEqualTo(new TimeWindow(15, 30));
    assertThat(groups).containsExactly(List.of(new TimeWindow(15, 25), new TimeWindow(20, 30)));
    assertThat(set.stateWindow(merged)).isEqualTo(new TimeWindow(20, 30));
    assertThat(mapping).hasSize(1);
  }

  @Test
  void when_newWindowBridgesThree_then_theEarliestStateWindowSurvives() throws Exception {
    add(0, 10);
    add(20, 30);
    add(40, 50);
    add(100, 110);
    TimeWindow merged = add(10, 40);
    assertThat(merged).isEqualTo(new TimeWindow(0, 50));
    assertThat(merges).containsExactly("TimeWindow[0, 50) keeps TimeWindow[0, 10) takes "
        + "[TimeWindow[20, 30), TimeWindow[40, 50)]");
    assertThat(mapping).containsOnly(Map.entry(new TimeWindow(0, 50), new TimeWindow(0, 10)),
        Map.entry(new TimeWindow(100, 110), new TimeWindow(100, 110)));
  }

  /**
   * The session assigners take a fast path; an assigner with the same merge but another class
   * takes the general one. Random adds (with random gaps, touching, inside, bridging, out of
   * order) and retirements must give the same results, merge calls and mappings on both.
   */
  @Test
  void when_randomWindowsAreAdded_then_fastPathAgreesWithGeneralMerge() throws Exception {
    Random random = new Random(42);
    List<MergingWindowAssigner<?, TimeWindow>> fastAssigners = List.of(
        EventTimeSessionWindows.withGap(Duration.ofMillis(10)),
        ProcessingTimeSessionWindows.withGap(Duration.ofMillis(10)));
    for (int run = 0; run < 2_000; run++) {
      Map<TimeWindow, TimeWindow> fastMap = new HashMap<>();
      Map<TimeWindow, TimeWindow> generalMap = new HashMap<>();
      MergingWindowSet<TimeWindow> fast =
          new MergingWindowSet<>(fastAssigners.get(run % 2), fastMap);
      MergingWindowSet<TimeWindow> general = new MergingWindowSet<>(new GeneralSessions(), generalMap);
      List<String> fastMerges = new ArrayList<>();
      List<String> generalMerges = new ArrayList<>();
      int span = 20 + random.nextInt(300);
      for (int op = 0; op < 40; op++) {
        if (!generalMap.isEmpty() && random.nextInt(8) == 0) {
          List<TimeWindow> existing = new ArrayList<>(generalMap.keySet());
          existing.sort((a, b) -> Long.compare(a.start(), b.start()));
          TimeWindow retired = existing.get(random.nextInt(existing.size()));
          fast.retireWindow(retired);
          general.retireWindow(retired);
          continue;
        }
        long start = random.nextInt(span) - 10;
        TimeWindow w = new TimeWindow(start, start + 1 + random.nextInt(15));
        TimeWindow a = fast.addWindow(w, recorder(fastMerges));
        TimeWindow b = general.addWindow(w, recorder(generalMerges));
        String at = "run " + run + " op " + op + " adding " + w;
        assertThat(a).as(at).isEqualTo(b);
        assertThat(fastMap).as(at).isEqualTo(generalMap);
        assertThat(fastMerges).as(at).isEqualTo(generalMerges);
        assertThat(fast.stateWindow(a)).as(at).isNotNull();
      }
    }
  }

  private static MergingWindowSet.MergeFunction<TimeWindow> recorder(List<String> merges) {
    return (result, merged, stateResult, stateMerged) ->
        merges.add(result + " from " + merged + " keeps " + stateResult + " takes " + stateMerged);
  }

  /** Merges as the session assigners do, but is not one of them. */
  private static final class GeneralSessions extends MergingWindowAssigner<Object, TimeWindow> {
    @Override
    public void mergeWindows(Collection<TimeWindow> windows, MergeCallback<TimeWindow> callback) {
      TimeWindow.mergeWindows(windows, callback);
    }

    @Override
    public Collection<TimeWindow> assignWindows(Object element, long timestamp, Context context) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Trigger<Object, TimeWindow> getDefaultTrigger() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isEventTime() {
      return true;
    }
  }
}
