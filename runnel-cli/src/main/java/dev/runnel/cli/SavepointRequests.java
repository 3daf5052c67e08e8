package dev.runnel.cli;

import dev.runnel.api.JobHandle;
import dev.runnel.runtime.checkpoint.CheckpointStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code runnel savepoint} asks a job running in another {@code runnel run} process for a
 * savepoint, through files only (no ports):
 *
 * <pre>
 * &lt;checkpoint dir&gt;/&lt;job folder&gt;/savepoint-requests/
 *   &lt;id&gt;.request    written by runnel savepoint: the target directory, or empty for the default
 *   &lt;id&gt;.response   written by runnel run: "ok &lt;savepoint path&gt;" or "error &lt;message&gt;"
 * </pre>
 *
 * Both files are written atomically (a hidden temporary file, then a rename), so a reader never
 * sees half a file. The running job polls the folder every {@value #POLL_MILLIS} ms on a daemon
 * thread {@code runnel-<job>-savepoint-requests}, handles each request once and writes its
 * response when the savepoint is complete or has failed; the requester waits for the response,
 * then deletes both files (or only its request, if it gives up waiting).
 */
final class SavepointRequests {
  static final String FOLDER = "savepoint-requests";
  static final String REQUEST = ".request";
  static final String RESPONSE = ".response";
  static final long POLL_MILLIS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(SavepointRequests.class);

  private SavepointRequests() {}

  /** The request folder of job {@code jobName} in the checkpoint directory {@code base}. */
  static Path folder(Path base, String jobName) {
    return base.resolve(CheckpointStorage.folderName(jobName)).resolve(FOLDER);
  }

  /** No running job answered in time. */
  static final class NoAnswerException extends Exception {
    private static final long serialVersionUID = 1L;

    NoAnswerException(String message) {
      super(message);
    }
  }

  /** The job answered that the savepoint failed. */
  static final class FailedException extends Exception {
    private static final long serialVersionUID = 1L;

    FailedException(String message) {
      super(message);
    }
  }

  /**
   * Asks the job watching {@code folder} for a savepoint and waits for its answer.
   *
   * @param target where the savepoint goes (made absolute here, since the job may run in another
   *     working directory), or null for the job's default
   * @return the savepoint's folder
   * @throws NoAnswerException if no answer came within {@code timeout}
   * @throws FailedException if the job could not take the savepoint
   */
  static Path request(Path folder, Path target, Duration timeout)
      throws IOException, NoAnswerException, FailedException, InterruptedException {
    Files.createDirectories(folder);
    String id = UUID.randomUUID().toString();
    Path request = folder.resolve(id + REQUEST);
    Path response = folder.resolve(id + RESPONSE);
    writeAtomically(request, target == null ? "" : target.toAbsolutePath().normalize().toString());
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        String answer = readIfPresent(response);
        if (answer != null) {
          Files.deleteIfExists(response);
          if (answer.startsWith("ok ")) {
            return Path.of(answer.substring(3).strip());
          }
          throw new FailedException(answer.startsWith("error ") ? answer.substring(6).strip()
              : "unexpected answer: " + answer);
        }
        if (System.nanoTime() - deadline >= 0) {
          throw new NoAnswerException("no running job answered within " + describe(timeout)
              + " (requests go to " + folder + ")");
        }
        Thread.sleep(Math.min(POLL_MILLIS / 2, Math.max(1, timeout.toMillis())));
      }
    } finally {
      Files.deleteIfExists(request);
    }
  }

  /** Starts answering the requests in {@code folder} with savepoints of {@code job}. */
  static Watcher watch(Path folder, JobHandle job) {
    Watcher watcher = new Watcher(folder, job);
    watcher.thread.start();
    return watcher;
  }

  /** The thread of a running job that answers savepoint requests; stops when closed. */
  static final class Watcher implements AutoCloseable {
    private final Path folder;
    private final JobHandle job;
    private final Set<String> handled = new HashSet<>();
    private final Thread thread;
    private volatile boolean stopped;

    private Watcher(Path folder, JobHandle job) {
      this.folder = folder;
      this.job = job;
      this.thread = new Thread(this::run, "runnel-" + job.jobName() + "-savepoint-requests");
      thread.setDaemon(true);
    }

    private void run() {
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        LOG.warn("cannot create {}: runnel savepoint will not reach this job: {}", folder,
            e.toString());
        return;
      }
      while (!stopped && !job.isDone()) {
        try {
          poll();
        } catch (IOException | RuntimeException e) {
          LOG.debug("cannot read savepoint requests in {}", folder, e);
        }
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void poll() throws IOException {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + REQUEST)) {
        for (Path file : files) {
          String name = file.getFileName().toString();
          if (name.startsWith(".")) {
            continue;
          }
          String id = name.substring(0, name.length() - REQUEST.length());
          if (!handled.add(id) || Files.exists(folder.resolve(id + RESPONSE))) {
            continue;
          }
          String target = readIfPresent(file);
          if (target == null) {
            continue; // withdrawn by the requester
          }
          handle(id, target.strip());
        }
      }
    }

    private void handle(String id, String target) {
      LOG.info("savepoint of job '{}' requested{}", job.jobName(),
          target.isEmpty() ? "" : " into " + target);
      Path response = folder.resolve(id + RESPONSE);
      job.triggerSavepoint(target.isEmpty() ? null : Path.of(target)).whenComplete(
          (path, failure) -> {
            String answer;
            if (failure == null) {
              answer = "ok " + path.toAbsolutePath();
            } else {
              Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                  ? failure.getCause() : failure;
              answer = "error " + ErrorReporter.oneLine(
                  cause.getMessage() == null ? cause.toString() : cause.getMessage());
            }
            try {
              writeAtomically(response, answer);
            } catch (IOException e) {
              LOG.warn("cannot answer savepoint request {}: {}", response, e.toString());
            }
          });
    }

    @Override
    public void close() {
      stopped = true;
      thread.interrupt();
    }
  }

  /** Writes {@code text} to a hidden temporary file next to {@code file}, then renames it. */
  static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String readIfPresent(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static String describe(Duration timeout) {
    long millis = timeout.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
