package dev.runnel.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples ship a logging binding: a program run on their classpath, in a JVM of its own (so
 * that SLF4J starts afresh), prints no "No SLF4J providers" warning, and logging stays off stdout.
 */
class LoggingBindingTest {
  @TempDir Path dir;

  @Test
  void when_firstJobRunsInItsOwnJvm_then_noSlf4jWarningAndOnlyResultsOnStdout() throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    String classPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Process process = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", classPath, FirstJob.class.getName())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("FirstJob ends").isTrue();

    String stderr = read(err);
    assertThat(process.exitValue()).as("exit code; stderr: %s", stderr).isZero();
    assertThat(stderr).doesNotContain("SLF4J");
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(10)
        .allSatisfy(line -> assertThat(line).matches("[12]> KeyedValue\\[key=\\w+, value=\\d\\]"));
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
