package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.examples.JobField;
import dev.runnel.examples.PackagedJob;
import dev.runnel.examples.PackagedJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --field NAME=SOURCE}, the order jobs' one vocabulary with its aliases, and the fields in
 * each job's help.
 */
class FieldOptionTest {
  @TempDir Path dir;

  private static final List<String> CANONICAL = List.of(
      "{\"order_id\":\"o1\",\"customer_id\":\"c1\",\"amount\":120.50,"
          + "\"timestamp\":\"2026-01-01T10:00:00Z\"}",
      "{\"order_id\":\"o2\",\"customer_id\":\"c2\",\"amount\":80,"
          + "\"timestamp\":\"2026-01-01T10:02:00Z\"}",
      "{\"order_id\":\"o3\",\"customer_id\":\"c1\",\"amount\":400.00,"
          + "\"timestamp\":\"2026-01-01T10:01:00Z\"}");

  /** The same orders under other names, as another system might export them. */
  private static final List<String> RENAMED = CANONICAL.stream()
      .map(line -> line.replace("\"order_id\"", "\"id\"")
          .replace("\"customer_id\"", "\"client\"")
          .replace("\"amount\"", "\"price\"")
          .replace("\"timestamp\"", "\"placed_at\""))
      .toList();

  static Stream<String> orderJobs() {
    return Stream.of("order-alerts", "running-totals", "hourly-order-totals",
        "customer-sessions", "high-value-orders", "spending-spikes");
  }

  private List<String> run(String job, List<String> inputLines, String... extra)
      throws IOException {
    Path input = Files.write(Files.createTempFile(dir, "in", ".jsonl"), inputLines);
    Path output = dir.resolve("out-" + input.getFileName());
    List<String> args = new ArrayList<>(List.of("run", job, "--input",
        input.toString(), "--output", output.toString(), "--parallelism", "1"));
    if (!job.equals("order-alerts")) {
      args.addAll(List.of("--watermark-interval", "0"));
    }
    if (job.equals("spending-spikes")) {
      args.addAll(List.of("--min-windows", "1")); // so that three orders make a spike
    }
    args.addAll(List.of(extra));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
    return Files.readAllLines(output);
  }

  @ParameterizedTest
  @MethodSource("orderJobs")
  void when_inputFieldsAreMappedWithField_then_outputIsAsWithTheJobsOwnNames(String job)
      throws IOException {
    List<String> canonical = run(job, CANONICAL);
    List<String> mapped = run(job, RENAMED, "--field", "order_id=id", "--field",
        "customer_id=client", "--field", "amount=price", "--field", "timestamp=placed_at");

    assertThat(canonical).isNotEmpty();
    assertThat(mapped).isEqualTo(canonical);
  }

  @ParameterizedTest
  @MethodSource("orderJobs")
  void when_orderJobWritesALine_then_itsFieldsAreTheDeclaredOutputFieldsInOrder(String job)
      throws IOException {
    List<String> declared = PackagedJobs.load().find(job).orElseThrow().outputFields().stream()
        .map(JobField::name).toList();
    ObjectMapper mapper = new ObjectMapper();

    for (String line : run(job, CANONICAL)) {
      List<String> names = new ArrayList<>();
      mapper.readTree(line).fieldNames().forEachRemaining(names::add);
      assertThat(names).as(line).isEqualTo(declared);
    }
  }

  @ParameterizedTest
  @MethodSource("orderJobs")
  void when_inputUsesAnOldFieldName_then_itIsReadAsAnAlias(String job) throws IOException {
    List<String> oldNames = CANONICAL.stream()
        .map(line -> line.replace("\"customer_id\"", "\"user_id\"")
            .replace("\"amount\"", "\"total_amount\""))
        .toList();

    assertThat(run(job, oldNames)).isEqualTo(run(job, CANONICAL));
  }

  @Test
  void when_fieldIsMappedToAMissingSource_then_theLineCannotBeDecodedNamingTheSource()
      throws IOException {
    Path input = Files.write(dir.resolve("in.jsonl"), CANONICAL);
    CliRun run = CliRun.of("run", "order-alerts", "--input", input.toString(), "--output",
        dir.resolve("out.jsonl").toString(), "--field", "customer_id=client");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("in.jsonl:1:", "field 'client' is missing");
  }

  @Test
  void when_fieldNamesAnUnknownJobField_then_usageErrorListingTheJobsFields()
      throws IOException {
    assertUsageError(runWithField("customer=client"),
        "runnel: invalid value 'customer=client' for option --field: job 'order-alerts' has no "
            + "input field 'customer' (its fields: order_id, customer_id, amount, timestamp)");
  }

  @Test
  void when_fieldIsNotNameEqualsSource_then_usageError() throws IOException {
    for (String spec : List.of("customer_id", "=client", "customer_id=", " = ")) {
      assertUsageError(runWithField(spec), "runnel: invalid value '" + spec
          + "' for option --field: expected NAME=SOURCE, such as customer_id=user_id");
    }
  }

  @Test
  void when_fieldIsMappedTwice_then_usageError() throws IOException {
    assertUsageError(runWithField("amount=price", "amount=total"),
        "runnel: invalid value 'amount=total' for option --field: field 'amount' is mapped "
            + "twice");
  }

  private CliRun runWithField(String... specs) throws IOException {
    Path input = Files.write(dir.resolve("in.jsonl"), CANONICAL);
    List<String> args = new ArrayList<>(List.of("run", "order-alerts", "--input",
        input.toString(), "--output", dir.resolve("out.jsonl").toString()));
    for (String spec : specs) {
      args.addAll(List.of("--field", spec));
    }
    return CliRun.of(args.toArray(String[]::new));
  }

  private static void assertUsageError(CliRun run, String expectedLine) {
    assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).containsExactly(expectedLine);
  }

  static Stream<PackagedJob> jobs() {
    return PackagedJobs.load().all().stream();
  }

  @ParameterizedTest
  @MethodSource("jobs")
  void when_jobHelp_then_itListsEveryInputAndOutputFieldWithTypeAndWhetherRequired(
      PackagedJob job) {
    CliRun run = CliRun.of("run", job.name(), "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(job.inputFields()).as("input fields of %s", job.name()).isNotEmpty();
    assertThat(job.outputFields()).as("output fields of %s", job.name()).isNotEmpty();
    String help = run.out();
    assertThat(help).contains("--field=NAME=SOURCE");
    int inputs = help.indexOf("Input fields");
    int outputs = help.indexOf("Output fields");
    assertThat(inputs).isPositive().isLessThan(outputs);
    assertFieldRows(help.substring(inputs, outputs), job.inputFields(), "required");
    assertFieldRows(help.substring(outputs), job.outputFields(), "always");
  }

  private static void assertFieldRows(String section, List<JobField> fields, String required) {
    for (JobField field : fields) {
      assertThat(section).containsPattern("(?m)^  " + field.name() + " +"
          + Pattern.quote(field.type().label()) + " +"
          + (field.required() ? required : "optional") + " ");
      field.aliases().forEach(alias -> assertThat(section).contains(alias));
    }
  }
}
