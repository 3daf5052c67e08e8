package dev.runnel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runnel kafka}: the parent of {@code start} (a broker in this process), {@code topics},
 * {@code produce} and {@code consume}, enough Kafka to run the packaged jobs over topics without
 * installing Kafka. Run on its own, without a subcommand, it is a usage error.
 */
@Command(
    name = "kafka",
    mixinStandardHelpOptions = true,
    description = "Runs a Kafka broker in this process, and manages, fills and reads its topics.",
    footer = {"", "Exit codes: 0 done, 1 Kafka failed or could not be reached, 2 bad command "
        + "line."})
final class KafkaCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "missing kafka command: start, topics, produce or consume (see 'runnel kafka --help')");
  }
}
