package dev.runnel.api.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckpointConfigTest {
  @Test
  void when_configured_then_copyKeepsEverySettingAndIsIndependent() {
    CheckpointConfig c = new CheckpointConfig(Duration.ofSeconds(1))
        .setCheckpointDirectory(Path.of("/tmp/c"))
        .setTimeout(Duration.ofSeconds(30))
        .setMinPauseBetweenCheckpoints(Duration.ofMillis(500))
        .setRetainedCheckpoints(3);
    CheckpointConfig copy = c.copy();
    c.setRetainedCheckpoints(1);

    assertThat(copy.interval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(copy.checkpointDirectory()).isEqualTo(Path.of("/tmp/c"));
    assertThat(copy.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(copy.minPauseBetweenCheckpoints()).isEqualTo(Duration.ofMillis(500));
    assertThat(copy.retainedCheckpoints()).isEqualTo(3);
  }

  @Test
  void when_invalidValues_then_errorsNameTheSetting() {
    assertThatThrownBy(() -> new CheckpointConfig(Duration.ZERO))
        .hasMessageContaining("checkpoint interval must be positive");
    CheckpointConfig c = new CheckpointConfig(Duration.ofSeconds(1));
    assertThatThrownBy(() -> c.setMaxConcurrentCheckpoints(2))
        .hasMessageContaining("max concurrent checkpoints must be 1");
    assertThatThrownBy(() -> c.setRetainedCheckpoints(0))
        .hasMessageContaining("retained checkpoints must be >= 1");
    assertThatThrownBy(() -> c.setMinPauseBetweenCheckpoints(Duration.ofMillis(-1)))
        .hasMessageContaining("minimum pause must not be negative");
  }
}
