package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.JobField;
import dev.runnel.examples.PackagedJob;
import dev.runnel.examples.PackagedJobs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples README's table of each job's input fields is the job's own declaration ({@link
 * PackagedJob#inputFields()}), the list that help and {@code --field} use, so the three agree.
 */
class FieldTablesTest {
  static Stream<PackagedJob> jobs() {
    return PackagedJobs.load().all().stream();
  }

  @ParameterizedTest
  @MethodSource("jobs")
  void when_readmeDescribesAJob_then_itsInputFieldTableIsTheJobsDeclaration(PackagedJob job)
      throws IOException {
    String readme =
        Files.readString(Path.of("../runnel-examples/README.md"), StandardCharsets.UTF_8);

    assertThat(readme).contains(table(job));
  }

  /** The markdown table of {@code job}'s input fields, after its marker comment. */
  static String table(PackagedJob job) {
    return "<!-- input-fields: " + job.name() + " -->\n"
        + "| input field | type | | |\n"
        + "|---|---|---|---|\n"
        + job.inputFields().stream().map(FieldTablesTest::row).collect(Collectors.joining());
  }

  private static String row(JobField field) {
    String aliases = field.aliases().isEmpty() ? "" : "; also read from " + field.aliases()
        .stream().map(alias -> "`" + alias + "`").collect(Collectors.joining(", "));
    return "| `" + field.name() + "` | " + field.type().label() + " | "
        + (field.required() ? "required" : "optional") + " | " + field.description() + aliases
        + " |\n";
  }
}
