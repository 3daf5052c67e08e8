package dev.runnel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version line of {@code runnel --version}, read from the Maven metadata in the jar. */
final class RunnelVersion implements IVersionProvider {
  private static final String POM_PROPERTIES =
      "/META-INF/maven/dev.runnel/runnel-cli/pom.properties";

  @Override
  public String[] getVersion() {
    return new String[] {
      "runnel " + version() + " (Java " + Runtime.version() + ")"
    };
  }

  /** The project version, or "(development build)" when not running from the packaged jar. */
  static String version() {
    try (InputStream in = RunnelVersion.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        String version = properties.getProperty("version");
        if (version != null && !version.isBlank()) {
          return version;
        }
      }
    } catch (IOException e) {
      // Fall through: the version is informative only.
    }
    return "(development build)";
  }
}
