package dev.runnel.api.eventtime;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.connector.RejectedRecordException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampBoundsTest {
  private static final long NOW = Instant.parse("2026-12-02T12:00:00Z").toEpochMilli();
  private static final long DAY = Duration.ofDays(1).toMillis();

  @Test
  void when_timeIsExactlyTheBoundAhead_then_itIsAccepted() {
    TimestampBounds bounds = TimestampBounds.maxAhead(Duration.ofDays(1));
    assertThatCode(() -> bounds.check(NOW + DAY, NOW)).doesNotThrowAnyException();
    assertThatCode(() -> bounds.check(0, NOW)).doesNotThrowAnyException();
  }

  @Test
  void when_timeIsFurtherAhead_then_itIsRejectedInPlainWords() {
    TimestampBounds bounds = TimestampBounds.maxAhead(Duration.ofDays(1));
    assertThatThrownBy(() -> bounds.check(NOW + DAY + 1, NOW))
        .isInstanceOf(RejectedRecordException.class)
        .hasMessage("event time 2026-12-03T12:00:00.001Z is more than 1 day ahead of the clock "
            + "(2026-12-02T12:00:00Z)");
    assertThatThrownBy(() -> bounds.check(Long.MAX_VALUE, NOW))
        .isInstanceOf(RejectedRecordException.class);
  }

  @Test
  void when_timeIsBefore1970_then_itIsRejectedUnlessAllowed() {
    assertThatThrownBy(() -> TimestampBounds.notBefore1970().check(-1, NOW))
        .hasMessage("event time 1969-12-31T23:59:59.999Z is before 1970-01-01T00:00:00Z");
    assertThatCode(() -> TimestampBounds.notBefore1970().allowingBefore1970().check(-1, NOW))
        .doesNotThrowAnyException();
  }

  @Test
  void when_noUpperBound_then_farFutureIsAccepted() {
    assertThatCode(() -> TimestampBounds.notBefore1970().check(Long.MAX_VALUE / 2, NOW))
        .doesNotThrowAnyException();
  }
}
