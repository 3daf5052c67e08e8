package dev.runnel.connector.file;

import dev.runnel.api.RunnelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the files of an input path and deals them out to reader subtasks. Each file is one split:
 * files are never divided, so a file's lines keep their order.
 */
final class FileSplits {
  private FileSplits() {}

  /** Fails fast, with the path in the message, when the input does not exist. */
  static void requireExists(Path path) {
    if (!path.equals(FileSource.STANDARD_INPUT) && !Files.exists(path)) {
      throw new RunnelException("input file not found: " + path);
    }
  }

  /**
   * The files to read: {@code path} itself if it is a file (or standard input); for a directory,
   * its regular files sorted by name, not descending into subdirectories. Names starting with "."
   * or "_" are left out because tools use them for hidden, temporary and marker files ({@code
   * .part}, {@code _SUCCESS}).
   */
  static List<Path> list(Path path) {
    requireExists(path);
    if (path.equals(FileSource.STANDARD_INPUT) || !Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> entries = Files.list(path)) {
      return entries
          .filter(FileSplits::isVisibleRegularFile)
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new RunnelException("cannot list input directory " + path + ": " + e, e);
    }
  }

  /**
   * The files subtask {@code subtask} of {@code parallelism} reads: those whose index {@code i}
   * has {@code i % parallelism == subtask}. Every file goes to exactly one subtask, provided all
   * subtasks see the same list.
   */
  static List<Path> assignedTo(List<Path> files, int subtask, int parallelism) {
    if (parallelism < 1 || subtask < 0 || subtask >= parallelism) {
      throw new IllegalArgumentException(
          "subtask " + subtask + " is not within parallelism " + parallelism);
    }
    List<Path> assigned = new ArrayList<>();
    for (int i = subtask; i < files.size(); i += parallelism) {
      assigned.add(files.get(i));
    }
    return assigned;
  }

  private static boolean isVisibleRegularFile(Path file) {
    String name = file.getFileName().toString();
    return !name.startsWith(".") && !name.startsWith("_") && Files.isRegularFile(file);
  }
}
