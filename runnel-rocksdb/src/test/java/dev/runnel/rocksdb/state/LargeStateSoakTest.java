package dev.runnel.rocksdb.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State much larger than memory: about 5 GB of keyed state (5 million keys of 1 KB) written
 * through the backend in a JVM with a 512 MB heap, which must finish without OutOfMemoryError.
 * Tagged {@code soak}: runs only with {@code -Psoak}.
 */
@Tag("soak")
class LargeStateSoakTest {
  @TempDir Path tmp;

  @Test
  void when_stateFarLargerThanHeap_then_writingItSucceeds() throws Exception {
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", classpath,
        LargeStateSoak.class.getName(), tmp.toString(), "5000000", "1024")
        .redirectErrorStream(true)
        .start();
    StringBuilder output = new StringBuilder();
    try (var in = p.inputReader(StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        System.out.println("[soak] " + line);
        output.append(line).append('\n');
      }
    }
    assertThat(p.waitFor(60, TimeUnit.MINUTES)).isTrue();
    assertThat(output.toString()).doesNotContain("OutOfMemoryError").contains("SOAK OK");
    assertThat(p.exitValue()).isZero();
  }

}
