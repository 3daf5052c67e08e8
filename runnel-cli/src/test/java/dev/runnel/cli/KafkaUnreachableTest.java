package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kafka command, pointed at an address where no Kafka listens, fails fast in one line. */
class KafkaUnreachableTest {
  private static String nowhere;

  @TempDir static Path dir;

  @BeforeAll
  static void findAClosedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      nowhere = "127.0.0.1:" + socket.getLocalPort();
    }
    Files.writeString(dir.resolve("lines.txt"), "x\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"topics --list", "topics --create t", "topics --describe t",
      "produce t --input LINES", "consume t --from-beginning"})
  void when_noKafkaAtTheAddress_then_oneLineNamingItAndExit1WithinTheTimeout(String command) {
    String[] words = ("kafka " + command.replace("LINES", dir.resolve("lines.txt").toString())
        + " --bootstrap-servers " + nowhere + " --connect-timeout 2s").split(" ");
    long started = System.nanoTime();

    CliRun run = CliRun.of(words);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).containsExactly("runnel: cannot reach Kafka at " + nowhere
        + " within 2s: is a broker running there? ('runnel kafka start' runs one)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nonsense", "host:port", "127.0.0.1:99999", ""})
  void when_bootstrapServersAreMalformed_then_usageError(String address) {
    CliRun run = CliRun.of("kafka", "topics", "--list", "--bootstrap-servers", address);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("runnel: invalid value '" + address
        + "' for option --bootstrap-servers: expected HOST:PORT, or several separated by commas");
  }
}
