package dev.runnel.connector.file;

import dev.runnel.api.RunnelException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names and finds the part files of a {@link FileSink} in a job with checkpoints; see the sink's
 * class comment for their lifecycle. A part is {@code part-<subtask>-<seq>.<ext>} once committed,
 * {@code .part-<subtask>-<seq>.<ext>.inprogress} while written and {@code
 * .part-<subtask>-<seq>.<ext>.pending} between its checkpoint and the commit.
 */
final class PartFiles {
  static final String IN_PROGRESS = ".inprogress";
  static final String PENDING = ".pending";

  /** Any part file, visible or hidden: group 1 is the subtask, group 2 the sequence number. */
  private static final Pattern PART = Pattern.compile("\\.?part-(\\d+)-(\\d+)\\..+");
  /** A hidden part file not yet committed. */
  private static final Pattern UNCOMMITTED =
      Pattern.compile("\\.part-\\d+-\\d+\\..+(\\.inprogress|\\.pending)");

  private PartFiles() {}

  /** The committed name of part {@code seq} of {@code subtask}. */
  static String finalName(int subtask, long seq, String extension) {
    return "part-" + subtask + "-" + seq + "." + extension;
  }

  static String inProgressName(String finalName) {
    return "." + finalName + IN_PROGRESS;
  }

  static String pendingName(String finalName) {
    return "." + finalName + PENDING;
  }

  /**
   * The largest sequence number of any part file of {@code subtask} in {@code directory}, visible
   * or hidden, whatever its extension; -1 if there is none.
   */
  static long highestSequence(Path directory, int subtask) {
    long highest = -1;
    for (Path file : list(directory)) {
      Matcher m = PART.matcher(file.getFileName().toString());
      if (m.matches() && m.group(1).equals(String.valueOf(subtask))) {
        try {
          highest = Math.max(highest, Long.parseLong(m.group(2)));
        } catch (NumberFormatException e) {
          // Too many digits for a sequence number: not one of ours.
        }
      }
    }
    return highest;
  }

  /**
   * Every part file in {@code directory}, committed or not, of every subtask: the visible ones
   * first, each group sorted by name.
   */
  static List<Path> all(Path directory) {
    List<Path> files = new ArrayList<>();
    for (Path file : list(directory)) {
      if (PART.matcher(file.getFileName().toString()).matches() && Files.isRegularFile(file)) {
        files.add(file);
      }
    }
    files.sort(Comparator.comparing((Path p) -> p.getFileName().toString().startsWith("."))
        .thenComparing(p -> p.getFileName().toString()));
    return files;
  }

  /** The in-progress and pending part files in {@code directory}, of every subtask. */
  static List<Path> uncommitted(Path directory) {
    List<Path> files = new ArrayList<>();
    for (Path file : list(directory)) {
      if (UNCOMMITTED.matcher(file.getFileName().toString()).matches()) {
        files.add(file);
      }
    }
    return files;
  }

  /** Makes renames and deletions in {@code directory} durable. */
  static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      throw new RunnelException("cannot sync output directory " + directory + ": " + e, e);
    }
  }

  private static List<Path> list(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.toList();
    } catch (IOException e) {
      throw new RunnelException("cannot list output directory " + directory + ": " + e, e);
    }
  }
}
