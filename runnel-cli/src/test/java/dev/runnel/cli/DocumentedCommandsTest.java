package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.examples.JobField;
import dev.runnel.examples.PackagedJob;
import dev.runnel.examples.PackagedJobs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the {@code bin/runnel run …} commands that the READMEs mark runnable, as written, and
 * checks that they do what the READMEs say. The markers are HTML comments, so readers do not see
 * them, and apply to the fenced block right after them, in document order:
 *
 * <ul>
 *   <li>{@code <!-- file: NAME -->}: the block is the content of the file {@code NAME} (written
 *       into a fresh working directory; a later block of the same name replaces it);
 *   <li>{@code <!-- runnable -->}: every {@code bin/runnel …} command of the block (with
 *       {@code \} continuations) runs in that directory, in a JVM of its own, as {@code
 *       bin/runnel} runs it; it must exit 0 and print to stderr only its summary line (no SLF4J
 *       or other warnings);
 *   <li>{@code <!-- expect: NAME -->}: after the commands so far, file {@code NAME} holds exactly
 *       the block's lines, in that order ({@code <!-- expect: NAME any-order -->}: in any order);
 *       when {@code NAME} is a job's {@code --output}, each line has exactly the job's declared
 *       output fields, in order ({@link PackagedJob#outputFields()}).
 * </ul>
 */
class DocumentedCommandsTest {
  private static final Pattern MARKER = Pattern.compile(
      "<!-- (file|runnable|expect)(?:: (\\S+)( any-order)?)? -->\\n```[a-z]*\\n(.*?)```",
      Pattern.DOTALL);

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"../README.md", "../runnel-examples/README.md"})
  void when_readmeCommandsRunAsWritten_then_theySucceedAndWriteWhatTheReadmeShows(String readme)
      throws Exception {
    String text = Files.readString(Path.of(readme), StandardCharsets.UTF_8);
    Matcher m = MARKER.matcher(text);
    Map<String, PackagedJob> outputs = new HashMap<>();
    int commands = 0;
    while (m.find()) {
      String block = m.group(4);
      switch (m.group(1)) {
        case "file" -> Files.writeString(dir.resolve(m.group(2)), block, StandardCharsets.UTF_8);
        case "runnable" -> {
          for (List<String> command : commands(block)) {
            run(command);
            int output = command.indexOf("--output");
            outputs.put(command.get(output + 1),
                PackagedJobs.load().find(command.get(1)).orElseThrow());
            commands++;
          }
        }
        default -> {
          List<String> expected = block.lines().toList();
          PackagedJob job = outputs.get(m.group(2));
          if (job != null) {
            assertOutputFields(job, expected);
          }
          List<String> actual = Files.readAllLines(dir.resolve(m.group(2)));
          if (m.group(3) == null) {
            assertThat(actual).as("%s after the commands before it", m.group(2))
                .isEqualTo(expected);
          } else {
            assertThat(actual).as("%s after the commands before it", m.group(2))
                .containsExactlyInAnyOrderElementsOf(expected);
          }
        }
      }
    }
    assertThat(commands).as("runnable commands in %s", readme).isPositive();
  }

  private static void assertOutputFields(PackagedJob job, List<String> lines) throws IOException {
    List<String> declared = job.outputFields().stream().map(JobField::name).toList();
    for (String line : lines) {
      List<String> names = new ArrayList<>();
      JSON.readTree(line).fieldNames().forEachRemaining(names::add);
      assertThat(names).as("fields of %s output line %s", job.name(), line).isEqualTo(declared);
    }
  }

  /** The {@code bin/runnel} commands of a shell block, continuations joined, split into words. */
  private static List<List<String>> commands(String block) {
    List<List<String>> commands = new ArrayList<>();
    String joined = block.replace("\\\n", " ");
    for (String line : joined.lines().toList()) {
      String command = line.strip();
      if (command.startsWith("bin/runnel ")) {
        List<String> words = List.of(command.split("\\s+"));
        commands.add(words.subList(1, words.size()));
      }
    }
    assertThat(commands).as("commands of a runnable block:\n%s", block).isNotEmpty();
    return commands;
  }

  private void run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        RunnelCommand.class.getName()));
    command.addAll(args);
    Path err = Files.createTempFile("runnel-doc", ".err");
    try {
      Process process = new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(err.toFile())
          .start();
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s ends", args).isTrue();
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as("exit code of %s; stderr: %s", args, stderr).isZero();
      assertThat(stderr.lines().toList()).as("stderr of %s", args)
          .singleElement(InstanceOfAssertFactories.STRING)
          .startsWith("runnel: job '" + args.get(1) + "' finished in ");
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
