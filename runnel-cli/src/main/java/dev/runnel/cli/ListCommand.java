package dev.runnel.cli;

import dev.runnel.examples.PackagedJob;
import dev.runnel.examples.PackagedJobs;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code runnel list}: one line per packaged job, its name and what it does. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists the packaged jobs that 'runnel run' can run.")
final class ListCommand implements Callable<Integer> {
  private final PackagedJobs jobs;

  @Spec private CommandSpec spec;

  ListCommand(PackagedJobs jobs) {
    this.jobs = jobs;
  }

  @Override
  public Integer call() {
    int width = 0;
    for (PackagedJob job : jobs.all()) {
      width = Math.max(width, job.name().length());
    }
    PrintWriter out = spec.commandLine().getOut();
    for (PackagedJob job : jobs.all()) {
      out.println(String.format("%-" + (width + 2) + "s%s", job.name(), job.description()));
    }
    out.flush();
    return 0;
  }
}
