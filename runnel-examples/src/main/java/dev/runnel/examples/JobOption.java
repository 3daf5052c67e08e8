package dev.runnel.examples;

import java.util.Objects;

/**
 * One option of a {@link PackagedJob}, given on the command line as {@code --name value}.
 *
 * @param name the option as typed, starting with {@code --}, such as {@code --threshold}
 * @param defaultValue its value when not given, as text; {@code null} if it has none, which makes
 *     the option optional (the job checks with {@link JobArguments#isSet})
 * @param description one line for the help text
 */
public record JobOption(String name, String defaultValue, String description) {
  public JobOption {
    Objects.requireNonNull(name, "option name");
    Objects.requireNonNull(description, "option description");
    if (!name.matches("--[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException(
          "option name must look like --lower-case-words, was '" + name + "'");
    }
  }

  /** An option without a default value. */
  public static JobOption optional(String name, String description) {
    return new JobOption(name, null, description);
  }

  /** An option with a default value. */
  public static JobOption withDefault(String name, String defaultValue, String description) {
    return new JobOption(name, Objects.requireNonNull(defaultValue, "default value"), description);
  }

  public boolean hasDefault() {
    return defaultValue != null;
  }
}
