package dev.runnel.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A fast source into a slow sink in a JVM with a 128 MB heap: with backpressure the job holds only
 * what its bounded queues hold; without it, 20 million queued records would not fit.
 */
class BackpressureTest {

  @Test
  void when_sinkIsSlowerThanSource_then_twentyMillionRecordsArriveInSmallHeap() throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process process = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:+UseSerialGC",
            "-cp", System.getProperty("java.class.path"), BackpressureJob.class.getName(), "20000000"))
        .redirectErrorStream(true)
        .start();
    boolean ended = process.waitFor(5, TimeUnit.MINUTES);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ended) {
      process.destroyForcibly();
    }

    assertThat(ended).as("job ended in time; output: %s", output).isTrue();
    assertThat(process.exitValue()).as("exit code; output: %s", output).isZero();
    assertThat(output).doesNotContain("OutOfMemoryError");
    assertThat(output).contains("received=20000000 sumOk=true");
  }
}
