package dev.runnel.api.checkpoint;

import dev.runnel.api.annotation.Public;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a job's state comes from when it starts: the newest complete checkpoint of the job in its
 * checkpoint directory ({@link #latest()}; a fresh start if there is none yet), or one checkpoint
 * or savepoint folder ({@link #path(Path)}; it must exist and be complete, or the job does not
 * start). Immutable.
 *
 * <pre>{@code
 * env.restoreFrom(RestoreFrom.latest());
 * env.restoreFrom(RestoreFrom.path(Path.of("checkpoints/orders/savepoint-7")));
 * }</pre>
 *
 * <p>The folder is only looked at when the job starts, so a path that does not exist yet is
 * accepted here and reported by {@code execute()}.
 */
@Public
public final class RestoreFrom {
  /** The word {@link #parse} reads as {@link #latest()}, as in {@code --restore latest}. */
  public static final String LATEST = "latest";

  private static final RestoreFrom LATEST_CHECKPOINT = new RestoreFrom(null);

  /** Null for the newest checkpoint, found when the job starts. */
  private final Path folder;

  private RestoreFrom(Path folder) {
    this.folder = folder;
  }

  /** The newest complete checkpoint of the job, or a fresh start if it has none. */
  public static RestoreFrom latest() {
    return LATEST_CHECKPOINT;
  }

  /** The checkpoint or savepoint in {@code folder} ({@code …/chk-42}, {@code …/savepoint-7}). */
  public static RestoreFrom path(Path folder) {
    return new RestoreFrom(Objects.requireNonNull(folder, "restore folder"));
  }

  /**
   * Reads the command-line form: {@value #LATEST} is {@link #latest()}, anything else a folder
   * path (write {@code ./latest} for a folder of that name).
   *
   * @throws IllegalArgumentException if {@code text} is blank
   */
  public static RestoreFrom parse(String text) {
    Objects.requireNonNull(text, "restore path");
    if (text.isBlank()) {
      throw new IllegalArgumentException("restore path must not be blank");
    }
    return text.equals(LATEST) ? latest() : path(Path.of(text));
  }

  /** Whether this is {@link #latest()}. */
  public boolean isLatest() {
    return folder == null;
  }

  /** The folder to restore from, or empty for {@link #latest()}. */
  public Optional<Path> folder() {
    return Optional.ofNullable(folder);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RestoreFrom other && Objects.equals(folder, other.folder);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(folder);
  }

  @Override
  public String toString() {
    return folder == null ? LATEST : folder.toString();
  }
}
