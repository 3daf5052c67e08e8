package dev.runnel.cli;

import dev.runnel.api.InvalidJobException;
import dev.runnel.api.JobExecutionException;
import dev.runnel.api.OperatorException;
import dev.runnel.api.RunnelException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every error into exactly one line on standard error, starting with {@code runnel: }, and
 * an exit code: {@value #USAGE} for a wrong command line, {@value #FAILED} for anything that went
 * wrong afterwards. Never prints a stack trace (it is logged at debug level).
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
  static final int FAILED = 1;
  static final int USAGE = 2;

  private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    report(e.getCommandLine(), describe(e));
    LOG.debug("bad command line", e);
    return USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    LOG.debug("command failed", e);
    if (e instanceof JobExecutionException failure) {
      report(command, describeFailure(failure));
    } else if (e instanceof InvalidJobException || e instanceof CommandFailedException) {
      report(command, e.getMessage());
    } else {
      report(command, "unexpected error: " + e);
    }
    return FAILED;
  }

  /**
   * The line for a job that failed while running: {@code job 'x' failed: <why>}. When an operator
   * failed on one of Runnel's own exceptions, which carry their context (a file and line), that
   * message is used alone; otherwise the operator's, which names the operator, subtask and record.
   */
  static String describeFailure(JobExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof OperatorException operator
        && operator.getCause() instanceof RunnelException own
        && own.getMessage() != null) {
      cause = own;
    }
    String why = cause == null || cause.getMessage() == null ? e.getMessage() : cause.getMessage();
    return oneLine("job '" + e.jobName() + "' failed: " + why);
  }

  /** {@code message} on one line: line breaks and runs of white space become one space. */
  static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private static void report(CommandLine command, String message) {
    PrintWriter err = command.getErr();
    err.println("runnel: " + oneLine(message));
    err.flush();
  }

  private static String describe(ParameterException e) {
    CommandLine command = e.getCommandLine();
    String seeHelp = " (see '" + qualifiedName(command) + " --help')";
    if (e instanceof UnmatchedArgumentException unmatched) {
      List<String> arguments = unmatched.getUnmatched();
      String first = arguments.isEmpty() ? "" : arguments.get(0);
      boolean isOption = first.startsWith("-");
      if (command.getCommandSpec().userObject() instanceof RunCommand && !isOption) {
        return "unknown job '" + first + "' (see 'runnel list')";
      }
      if (command.getCommandSpec().userObject() instanceof RunnelCommand && !isOption) {
        return "unknown command '" + first + "'" + seeHelp;
      }
      if (isOption) {
        String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
        return "unknown option '" + name + "' for '" + qualifiedName(command) + "'" + seeHelp;
      }
      return "unexpected argument '" + first + "'" + seeHelp;
    }
    if (e instanceof MissingParameterException missing
        && e.getMessage().startsWith("Missing required option")) {
      StringBuilder names = new StringBuilder();
      for (ArgSpec arg : missing.getMissing()) {
        names.append(names.length() == 0 ? "" : ", ")
            .append(arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel());
      }
      return "missing required option" + (missing.getMissing().size() > 1 ? "s " : " ")
          + names + seeHelp;
    }
    String message = oneLine(e.getMessage());
    if (message.isEmpty()) {
      return "invalid command line" + seeHelp;
    }
    // Picocli's own messages start with a capital; ours, and the cause's, are kept as they are.
    return message.length() > 1 && Character.isUpperCase(message.charAt(0))
            && Character.isLowerCase(message.charAt(1))
        ? message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1)
        : message;
  }

  /** The command as typed: {@code runnel run order-alerts}. */
  private static String qualifiedName(CommandLine command) {
    return command.getCommandSpec().qualifiedName();
  }
}
