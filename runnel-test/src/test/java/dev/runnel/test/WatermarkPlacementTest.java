package dev.runnel.test;

import static dev.runnel.test.OperatorInput.element;
import static dev.runnel.test.OperatorInput.element2;
import static dev.runnel.test.OperatorInput.watermark;
import static dev.runnel.test.OperatorInput.watermark1;
import static dev.runnel.test.OperatorInput.watermark2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the verifier's watermark variants put watermarks, without running an operator. */
class WatermarkPlacementTest {
  private static List<String> text(List<OperatorInput> steps) {
    return steps.stream().map(OperatorInput::toString).toList();
  }

  @Test
  void when_elementsFollow_then_theAddedWatermarkStaysBelowTheirTimestampsAndTheNextWatermark() {
    var steps = List.of(element("a", 1), element("b", 5), watermark(3), element("c", 4),
        watermark(10));

    assertThat(text(WatermarkPlacement.withExtraWatermarks(steps, 1))).containsExactly(
        "element a@1", "watermark 3", "element b@5", "watermark 3", "element c@4",
        "watermark 10", "watermark 10");
  }

  @Test
  void when_noWatermarkFollows_then_noneIsAdded() {
    var steps = List.of(element("a", 1), element("b", 2));

    assertThat(WatermarkPlacement.withExtraWatermarks(steps, 1)).isSameAs(steps);
  }

  @Test
  void when_twoInputs_then_eachInputGetsWatermarksUpToItsOwnNext() {
    var steps = List.of(element("x", 1), element2("y", 4), watermark1(2), watermark2(3),
        element("z", 6), watermark(9));

    assertThat(text(WatermarkPlacement.withExtraWatermarks(steps, 2))).containsExactly(
        "element x@1", "watermark 2 of input 1", "watermark 3 of input 2", "element y@4 of input 2",
        "watermark 2 of input 1", "watermark 3 of input 2", "element z@6",
        "watermark 9 of input 1", "watermark 9 of input 2", "watermark 9");
  }

  @Test
  void when_noElementIsLate_then_watermarksCanBeDroppedIfTheInputEnds() {
    var steps = List.of(element("a", 1), watermark(1), element("b", 2), watermark(5));

    assertThat(text(WatermarkPlacement.withoutWatermarks(steps, 1, true)))
        .containsExactly("element a@1", "element b@2");
    assertThat(WatermarkPlacement.withoutWatermarks(steps, 1, false)).isNull();
  }

  @Test
  void when_anElementIsBehindAWatermark_then_watermarksMustStay() {
    var steps = List.of(element("a", 5), watermark(4), element("late", 4), watermark(9));

    assertThat(WatermarkPlacement.firstLateElement(steps, 1)).isEqualTo(2);
    assertThat(WatermarkPlacement.withoutWatermarks(steps, 1, true)).isNull();
  }

  @Test
  void when_onlyOneInputHasAWatermark_then_noElementIsLateYet() {
    var steps = List.of(watermark1(10), element("a", 3), element2("b", 2));

    assertThat(WatermarkPlacement.firstLateElement(steps, 2)).isEqualTo(-1);
  }
}
