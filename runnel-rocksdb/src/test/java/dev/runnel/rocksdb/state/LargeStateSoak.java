package dev.runnel.rocksdb.state;

import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.runtime.state.KeyGroups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Writes {@code keys} values of {@code valueBytes} bytes through one RocksDB backend, checkpoints
 * it, and reads a sample back: run by {@link LargeStateSoakTest} in a JVM whose heap is much
 * smaller than the state. Prints {@code SOAK OK} at the end.
 *
 * <p>Arguments: folder, keys, value bytes.
 */
public final class LargeStateSoak {
  private LargeStateSoak() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    int keys = Integer.parseInt(args[1]);
    int valueBytes = Integer.parseInt(args[2]);
    long start = System.nanoTime();
    try (RocksDbKeyedStateBackend backend = new RocksDbKeyedStateBackend(
        KeyGroups.rangeOf(0, 128, 1), 128, System::currentTimeMillis, folder.resolve("local"),
        64L << 20, true)) {
      ValueState<byte[]> state = backend.getState(new ValueStateDescriptor<>("v", byte[].class));
      for (int k = 0; k < keys; k++) {
        backend.setCurrentKey((long) k);
        state.update(value(k, valueBytes));
        if (k % 500_000 == 0) {
          Runtime rt = Runtime.getRuntime();
          System.out.printf("%,d keys written, heap used %,d MB, %.0f s%n", k,
              (rt.totalMemory() - rt.freeMemory()) >> 20, (System.nanoTime() - start) / 1e9);
        }
      }
      Path checkpoint = folder.resolve("checkpoint");
      Files.createDirectories(checkpoint);
      var handle = backend.snapshot(1).write(checkpoint, "soak");
      long bytes = handle.files().stream().mapToLong(f -> f.length()).sum();
      System.out.printf("checkpoint: %d files, %,d bytes%n", handle.files().size(), bytes);
      Random random = new Random(1);
      for (int i = 0; i < 10_000; i++) {
        int k = random.nextInt(keys);
        backend.setCurrentKey((long) k);
        if (!Arrays.equals(state.value(), value(k, valueBytes))) {
          throw new AssertionError("wrong value for key " + k);
        }
      }
      System.out.printf("SOAK OK: %,d keys x %,d bytes in %.0f s, max heap %,d MB%n", keys,
          valueBytes, (System.nanoTime() - start) / 1e9, Runtime.getRuntime().maxMemory() >> 20);
    }
  }

  /** Pseudo-random (incompressible) bytes determined by the key. */
  static byte[] value(int key, int size) {
    byte[] v = new byte[size];
    new Random(key * 0x9E3779B97F4A7C15L).nextBytes(v);
    return v;
  }
}
