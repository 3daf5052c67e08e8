package dev.runnel.api.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RestoreFromTest {
  @Test
  void when_latest_then_noFolder() {
    assertThat(RestoreFrom.latest().isLatest()).isTrue();
    assertThat(RestoreFrom.latest().folder()).isEmpty();
    assertThat(RestoreFrom.latest()).hasToString("latest");
  }

  @Test
  void when_path_then_itIsTheFolder() {
    RestoreFrom from = RestoreFrom.path(Path.of("chk", "orders", "chk-42"));
    assertThat(from.isLatest()).isFalse();
    assertThat(from.folder()).contains(Path.of("chk", "orders", "chk-42"));
  }

  @Test
  void when_parsingTheWordLatest_then_latest() {
    assertThat(RestoreFrom.parse("latest")).isEqualTo(RestoreFrom.latest());
  }

  @Test
  void when_parsingAnythingElse_then_aPath() {
    assertThat(RestoreFrom.parse("chk/orders/savepoint-7"))
        .isEqualTo(RestoreFrom.path(Path.of("chk/orders/savepoint-7")));
    assertThat(RestoreFrom.parse("./latest"))
        .isEqualTo(RestoreFrom.path(Path.of("./latest")))
        .isNotEqualTo(RestoreFrom.latest());
    assertThat(RestoreFrom.parse("Latest").isLatest()).isFalse();
  }

  @Test
  void when_parsingBlankOrNull_then_rejected() {
    assertThatThrownBy(() -> RestoreFrom.parse(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    assertThatThrownBy(() -> RestoreFrom.parse(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RestoreFrom.path(null)).isInstanceOf(NullPointerException.class);
  }
}
