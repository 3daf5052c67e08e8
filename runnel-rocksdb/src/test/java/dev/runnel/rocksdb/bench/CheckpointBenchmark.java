package dev.runnel.rocksdb.bench;

import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.rocksdb.state.RocksDbKeyedStateBackend;
import dev.runnel.runtime.checkpoint.StateFile;
import dev.runnel.runtime.state.KeyGroups;
import dev.runnel.runtime.state.KeyedStateHandle;
import dev.runnel.runtime.state.KeyedStateSnapshot;
import dev.runnel.runtime.state.RestoredKeyedState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Checkpoint costs of the RocksDB backend: fills {@code keys} values of {@code valueBytes} bytes
 * (default 1,000,000 x 1 KB, about 1 GB), then measures the synchronous snapshot phase, the write
 * of a full checkpoint, the write of an incremental checkpoint after 1% of the keys changed, and a
 * restore from that checkpoint into a new backend.
 *
 * <p>Arguments: [folder] [keys] [valueBytes]. A plain main class, no JMH: each phase runs once.
 */
public final class CheckpointBenchmark {
  private CheckpointBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path folder = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("rocks-bench");
    int keys = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int valueBytes = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
    var range = KeyGroups.rangeOf(0, 128, 1);
    long memory = 256L << 20;
    ValueStateDescriptor<byte[]> descriptor = new ValueStateDescriptor<>("v", byte[].class);
    Random random = new Random(7);
    try (RocksDbKeyedStateBackend backend = new RocksDbKeyedStateBackend(range, 128,
        System::currentTimeMillis, folder.resolve("local-1"), memory, true)) {
      ValueState<byte[]> state = backend.getState(descriptor);
      long t = System.nanoTime();
      for (int k = 0; k < keys; k++) {
        backend.setCurrentKey(k);
        byte[] v = new byte[valueBytes];
        random.nextBytes(v);
        state.update(v);
      }
      report("fill (" + keys + " keys x " + valueBytes + " B)", t);

      Path chk1 = Files.createDirectories(folder.resolve("chk-1"));
      t = System.nanoTime();
      KeyedStateSnapshot s1 = backend.snapshot(1);
      report("checkpoint 1: synchronous phase (flush + native checkpoint)", t);
      t = System.nanoTime();
      KeyedStateHandle h1 = s1.write(chk1, "op");
      report("checkpoint 1: full write (" + describe(h1, chk1) + ")", t);

      int changed = keys / 100;
      KeyedStateHandle last = h1;
      Path lastFolder = chk1;
      for (int round = 2; round <= 3; round++) {
        for (int i = 0; i < changed; i++) {
          backend.setCurrentKey(random.nextInt(keys));
          byte[] v = new byte[valueBytes];
          random.nextBytes(v);
          state.update(v);
        }
        Path chk = Files.createDirectories(folder.resolve("chk-" + round));
        t = System.nanoTime();
        KeyedStateSnapshot s = backend.snapshot(round);
        report("checkpoint " + round + ": synchronous phase after changing " + changed
            + " keys (1%)", t);
        t = System.nanoTime();
        last = s.write(chk, "op");
        lastFolder = chk;
        report("checkpoint " + round + ": incremental write (" + describe(last, chk) + ")", t);
      }
      KeyedStateHandle h2 = last;
      Path chk2 = lastFolder;

      t = System.nanoTime();
      try (RocksDbKeyedStateBackend restored = new RocksDbKeyedStateBackend(range, 128,
          System::currentTimeMillis, folder.resolve("local-2"), memory, true)) {
        restored.restore(List.of(new RestoredKeyedState(chk2, h2)));
        ValueState<byte[]> r = restored.getState(descriptor);
        restored.setCurrentKey(0);
        if (r.value() == null) {
          throw new AssertionError("restored state lacks key 0");
        }
        report("restore from the last checkpoint (same key groups: copy files, open)", t);
      }
      var half = KeyGroups.rangeOf(0, 128, 2);
      t = System.nanoTime();
      try (RocksDbKeyedStateBackend restored = new RocksDbKeyedStateBackend(half, 128,
          System::currentTimeMillis, folder.resolve("local-3"), memory, true)) {
        restored.restore(List.of(new RestoredKeyedState(chk2, h2)));
        report("restore half the key groups from the last checkpoint (rescale 1 -> 2)", t);
      }
    }
  }

  private static String describe(KeyedStateHandle h, Path folder) throws Exception {
    long bytes = 0;
    long linkedBytes = 0;
    int linked = 0;
    for (StateFile f : h.files()) {
      bytes += f.length();
      if ((Integer) Files.getAttribute(folder.resolve(f.name()), "unix:nlink") > 1) {
        linked++;
        linkedBytes += f.length();
      }
    }
    return String.format("%d files, %,d MB; %d files, %,d MB hard-linked from earlier",
        h.files().size(), bytes >> 20, linked, linkedBytes >> 20);
  }

  private static void report(String what, long startNanos) {
    System.out.printf("%-90s %,10.1f ms%n", what, (System.nanoTime() - startNanos) / 1e6);
  }
}
