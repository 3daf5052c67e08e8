package dev.runnel.runtime.state;

/**
 * A contiguous range of key groups, {@code start} to {@code end} inclusive, owned by one subtask.
 * Empty when {@code end < start} (a subtask of an operator whose parallelism exceeds its key groups).
 */
public record KeyGroupRange(int start, int end) {
  public boolean contains(int keyGroup) {
    return keyGroup >= start && keyGroup <= end;
  }

  public int size() {
    return Math.max(0, end - start + 1);
  }

  @Override
  public String toString() {
    return "[" + start + ".." + end + "]";
  }
}
