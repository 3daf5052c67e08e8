package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running the same command twice must not add a second copy of the results: earlier output is a
 * usage error unless {@code --overwrite} replaces it or {@code --restore} continues it.
 */
class OverwriteOptionTest {
  @TempDir Path dir;

  private Path orders() throws IOException {
    return Files.write(dir.resolve("orders.jsonl"), List.of(
        "{\"order_id\":\"o-1\",\"user_id\":\"u-1\",\"amount\":10}",
        "{\"order_id\":\"o-2\",\"user_id\":\"u-1\",\"amount\":20}"));
  }

  @Test
  void when_outputFileHoldsAnEarlierRun_then_exit2SaysWhatIsThereAndHowToGoOn()
      throws IOException {
    Path input = orders();
    Path output = dir.resolve("alerts.jsonl");
    assertThat(CliRun.of("run", "order-alerts", "--input", input.toString(),
        "--output", output.toString()).exitCode()).isZero();
    String first = Files.readString(output);

    CliRun again = CliRun.of("run", "order-alerts", "--input", input.toString(),
        "--output", output.toString());

    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.errLines()).containsExactly("runnel: output file " + output
        + " already exists (" + first.length() + " bytes) (--output): add --overwrite to "
        + "replace it, or choose another file");
    assertThat(Files.readString(output)).isEqualTo(first);
  }

  @Test
  void when_overwriteIsGiven_then_theOutputIsReplacedNotAppended() throws IOException {
    Path input = orders();
    Path output = dir.resolve("alerts.jsonl");
    Files.writeString(output, "{\"stale\":true}\n".repeat(5));

    CliRun run = CliRun.of("run", "order-alerts", "--input", input.toString(),
        "--output", output.toString(), "--overwrite");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readAllLines(output)).hasSize(2).noneMatch(l -> l.contains("stale"));
  }

  @Test
  void when_checkpointedOutputDirectoryHoldsPartFiles_then_exit2UnlessRestoreOrOverwrite()
      throws IOException {
    Path input = orders();
    Path output = dir.resolve("alerts");
    Path checkpoints = dir.resolve("chk");
    Path notes = Files.writeString(Files.createDirectories(output).resolve("notes.txt"), "mine");
    String[] checkpointed = {"run", "order-alerts", "--input", input.toString(),
        "--output", output.toString(), "--checkpoint-dir", checkpoints.toString()};
    assertThat(CliRun.of(checkpointed).exitCode()).isZero();

    CliRun again = CliRun.of(checkpointed);
    CliRun restored = CliRun.of(concat(checkpointed, "--restore", "latest"));
    List<String> afterRestore = partFiles(output);
    Files.writeString(input, "{\"order_id\":\"o-3\",\"user_id\":\"u-2\",\"amount\":5}\n",
        StandardOpenOption.APPEND);
    CliRun overwritten = CliRun.of(concat(checkpointed, "--overwrite"));

    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.errLines()).containsExactly("runnel: output directory " + output
        + " already holds 1 part file (part-0-0.jsonl) (--output): add --restore latest to "
        + "continue that run, or --overwrite to replace it");
    assertThat(restored.exitCode()).as(restored.err()).isZero();
    assertThat(afterRestore).as("the restored run had nothing left to write")
        .containsExactly("part-0-0.jsonl");
    assertThat(overwritten.exitCode()).as(overwritten.err()).isZero();
    assertThat(partFiles(output)).as("the old part file is gone, the new run's is there")
        .containsExactly("part-0-0.jsonl");
    assertThat(Files.readAllLines(output.resolve("part-0-0.jsonl"))).hasSize(3);
    assertThat(notes).as("only part files are deleted").hasContent("mine");
  }

  @Test
  void when_deadLetterOutputHoldsAnEarlierRun_then_itIsCheckedLikeOutput() throws IOException {
    Path input = orders();
    Path deadLetters = Files.writeString(dir.resolve("dead.jsonl"), "{}\n");

    CliRun run = CliRun.of("run", "order-alerts", "--input", input.toString(),
        "--output", dir.resolve("alerts.jsonl").toString(),
        "--dead-letter-output", deadLetters.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("output file " + deadLetters + " already exists")
        .contains("(--dead-letter-output)");
    assertThat(dir.resolve("alerts.jsonl")).doesNotExist();
  }

  @Test
  void when_overwriteAndRestoreAreBothGiven_then_exit2() throws IOException {
    CliRun run = CliRun.of("run", "order-alerts", "--input", orders().toString(),
        "--output", dir.resolve("alerts").toString(), "--restore", "latest", "--overwrite");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("runnel: --overwrite and --restore exclude each "
        + "other: a restored run continues the output that is there");
  }

  private static List<String> partFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.contains("part-"))
          .sorted().toList();
    }
  }

  private static String[] concat(String[] args, String... more) {
    return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
  }
}
