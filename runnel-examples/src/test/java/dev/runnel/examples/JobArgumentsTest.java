package dev.runnel.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.StreamEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {
  private static final PackagedJob JOB = new PackagedJob() {
    @Override
    public String name() {
      return "test-job";
    }

    @Override
    public String description() {
      return "a job for tests";
    }

    @Override
    public List<JobOption> options() {
      return List.of(
          JobOption.withDefault("--threshold", "500", "a number"),
          JobOption.withDefault("--limit", "10", "a whole number"),
          JobOption.withDefault("--window", "5m", "a duration"),
          JobOption.optional("--extra-output", "a file"));
    }

    @Override
    public void build(StreamEnvironment env, JobArguments args) {}
  };

  private static JobArguments args(Map<String, String> options) {
    return JobArguments.of(JOB, Path.of("in.jsonl"), Path.of("out.jsonl"), 2, options);
  }

  @Test
  void when_optionNotGiven_then_defaultIsUsed() {
    JobArguments args = args(Map.of());

    assertThat(args.getDouble("--threshold")).isEqualTo(500.0);
    assertThat(args.getLong("--limit")).isEqualTo(10L);
    assertThat(args.getDuration("--window")).isEqualTo(Duration.ofMinutes(5));
    assertThat(args.input()).isEqualTo(Path.of("in.jsonl"));
    assertThat(args.output()).isEqualTo(Path.of("out.jsonl"));
    assertThat(args.parallelism()).isEqualTo(2);
  }

  @Test
  void when_optionGiven_then_itOverridesTheDefault() {
    JobArguments args = args(Map.of("--threshold", "12.5", "--limit", " 7 "));

    assertThat(args.getDouble("--threshold")).isEqualTo(12.5);
    assertThat(args.getLong("--limit")).isEqualTo(7L);
    assertThat(args.getString("--threshold")).isEqualTo("12.5");
  }

  @Test
  void when_optionalOptionNotGiven_then_itIsEmpty() {
    JobArguments args = args(Map.of());

    assertThat(args.isSet("--extra-output")).isFalse();
    assertThat(args.findPath("--extra-output")).isEmpty();
    assertThatThrownBy(() -> args.getString("--extra-output"))
        .isInstanceOf(JobArgumentException.class)
        .hasMessage("option --extra-output requires a value");
  }

  @Test
  void when_optionalOptionGiven_then_itIsAPath() {
    JobArguments args = args(Map.of("--extra-output", "/tmp/x.jsonl"));

    assertThat(args.isSet("--extra-output")).isTrue();
    assertThat(args.findPath("--extra-output")).contains(Path.of("/tmp/x.jsonl"));
  }

  @Test
  void when_numberIsNotANumber_then_errorNamesOptionAndValue() {
    assertThatThrownBy(() -> args(Map.of("--threshold", "lots")).getDouble("--threshold"))
        .isInstanceOf(JobArgumentException.class)
        .hasMessage("invalid value 'lots' for option --threshold: not a number");
  }

  @Test
  void when_numberIsNotFinite_then_itIsRejected() {
    assertThatThrownBy(() -> args(Map.of("--threshold", "NaN")).getDouble("--threshold"))
        .isInstanceOf(JobArgumentException.class)
        .hasMessage("invalid value 'NaN' for option --threshold: not a finite number");
  }

  @Test
  void when_wholeNumberHasDecimals_then_errorNamesOptionAndValue() {
    assertThatThrownBy(() -> args(Map.of("--limit", "2.5")).getLong("--limit"))
        .isInstanceOf(JobArgumentException.class)
        .hasMessage("invalid value '2.5' for option --limit: not a whole number");
  }

  @Test
  void when_durationHasAUnit_then_itIsParsed() {
    assertThat(args(Map.of("--window", "250ms")).getDuration("--window"))
        .isEqualTo(Duration.ofMillis(250));
    assertThat(args(Map.of("--window", "10s")).getDuration("--window"))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(args(Map.of("--window", "3h")).getDuration("--window"))
        .isEqualTo(Duration.ofHours(3));
    assertThat(args(Map.of("--window", "2d")).getDuration("--window"))
        .isEqualTo(Duration.ofDays(2));
    assertThat(args(Map.of("--window", "PT1M30S")).getDuration("--window"))
        .isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void when_durationHasNoUnit_then_errorNamesOptionAndValue() {
    assertThatThrownBy(() -> args(Map.of("--window", "10")).getDuration("--window"))
        .isInstanceOf(JobArgumentException.class)
        .hasMessageStartingWith("invalid value '10' for option --window: expected a duration");
  }

  @Test
  void when_durationIsNegative_then_itIsRejected() {
    assertThatThrownBy(() -> args(Map.of("--window", "-PT5S")).getDuration("--window"))
        .isInstanceOf(JobArgumentException.class)
        .hasMessage("invalid value '-PT5S' for option --window: must not be negative");
  }

  @Test
  void when_optionIsNotTheJobs_then_errorNamesOptionAndJob() {
    assertThatThrownBy(() -> args(Map.of("--treshold", "5")))
        .isInstanceOf(JobArgumentException.class)
        .hasMessage("unknown option '--treshold' for job 'test-job'");
  }

  @Test
  void when_parallelismBelowOne_then_itIsRejected() {
    assertThatThrownBy(
            () -> JobArguments.of(JOB, Path.of("in"), Path.of("out"), 0, Map.of()))
        .isInstanceOf(JobArgumentException.class)
        .hasMessage("invalid value '0' for option --parallelism: must be at least 1");
  }

  @Test
  void when_jobReadsAnUndeclaredOption_then_itIsABugInTheJob() {
    assertThatThrownBy(() -> args(Map.of()).getString("--nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(JobArgumentException.class)
        .hasMessageContaining("does not declare it");
  }

  @Test
  void when_optionNameIsNotDashedLowerCase_then_optionIsRejected() {
    assertThatThrownBy(() -> JobOption.optional("threshold", "no dashes"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JobOption.optional("--Threshold", "capital"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void when_durationIsBareZero_then_zero() {
    assertThat(args(Map.of("--window", "0")).getDuration("--window")).isEqualTo(Duration.ZERO);
    assertThat(args(Map.of("--window", "500ms")).getDuration("--window"))
        .isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void when_positiveDurationIsZero_then_errorNamesOptionAndValue() {
    assertThatThrownBy(() -> args(Map.of("--window", "0s")).getPositiveDuration("--window"))
        .isInstanceOf(JobArgumentException.class)
        .hasMessage("invalid value '0s' for option --window: must be at least 1ms");
  }

  @Test
  void when_rateGiven_then_keptWithTheOtherArguments_andBelowOneIsRejected() {
    JobArguments plain = args(Map.of("--limit", "7"));
    JobArguments limited = plain.withRate(250);

    assertThat(plain.rate()).isEmpty();
    assertThat(limited.rate()).hasValue(250);
    assertThat(limited.getLong("--limit")).isEqualTo(7L);
    assertThat(limited.parallelism()).isEqualTo(2);
    assertThat(limited.output()).isEqualTo(Path.of("out.jsonl"));
    assertThatThrownBy(() -> plain.withRate(0))
        .isInstanceOf(JobArgumentException.class)
        .hasMessage("invalid value '0' for option --rate: must be at least 1");
  }

  @Test
  void when_durationOfCommandOption_then_sameRulesAndMessages() {
    assertThat(JobArguments.duration("--checkpoint-interval", "1m"))
        .isEqualTo(Duration.ofMinutes(1));
    assertThatThrownBy(() -> JobArguments.duration("--checkpoint-interval", "soon"))
        .isInstanceOf(JobArgumentException.class)
        .hasMessageStartingWith("invalid value 'soon' for option --checkpoint-interval: expected");
    assertThatThrownBy(() -> JobArguments.duration("--restart-delay", "PT-1S"))
        .hasMessage("invalid value 'PT-1S' for option --restart-delay: must not be negative");
  }
}
