package dev.runnel.rocksdb.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.api.state.ListState;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.MapState;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.rocksdb.RocksDbStateBackend;
import dev.runnel.runtime.checkpoint.StateFile;
import dev.runnel.runtime.state.HeapKeyedStateBackend;
import dev.runnel.runtime.state.KeyGroupRange;
import dev.runnel.runtime.state.KeyGroups;
import dev.runnel.runtime.state.KeyedStateBackendFactory;
import dev.runnel.runtime.state.KeyedStateHandle;
import dev.runnel.runtime.state.RestoredKeyedState;
import dev.runnel.runtime.state.StateBackends;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbSnapshotTest {
  private static final int KEYS = 2_000;

  @TempDir Path tmp;
  private RocksTestSupport s;

  @BeforeEach
  void setUp() {
    s = new RocksTestSupport(tmp.resolve("local"));
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  private static ValueStateDescriptor<String> value() {
    return new ValueStateDescriptor<>("value", String.class);
  }

  private static ListStateDescriptor<Integer> list() {
    return new ListStateDescriptor<>("list", Integer.class);
  }

  private static MapStateDescriptor<Integer, Long> map() {
    return new MapStateDescriptor<>("map", Integer.class, Long.class);
  }

  /** Writes every key's value, list and map; {@code version} changes the values. */
  private static void fill(RocksDbKeyedStateBackend b, int from, int to, int version)
      throws Exception {
    ValueState<String> v = b.getState(value());
    ListState<Integer> l = b.getState(list());
    MapState<Integer, Long> m = b.getState(map());
    for (int k = from; k < to; k++) {
      b.setCurrentKey(k);
      v.update("v" + k + "/" + version);
      l.update(List.of(k, version));
      m.put(version, (long) k);
    }
  }

  /** Every key of the backend's range among 0..KEYS, with its state, as a string. */
  private static Map<Integer, String> contents(RocksDbKeyedStateBackend b) throws Exception {
    ValueState<String> v = b.getState(value());
    ListState<Integer> l = b.getState(list());
    MapState<Integer, Long> m = b.getState(map());
    Map<Integer, String> all = new HashMap<>();
    for (int k = 0; k < KEYS; k++) {
      if (!b.keys().range().contains(KeyGroups.keyGroupOf(k, RocksTestSupport.MAX_PARALLELISM))) {
        continue;
      }
      b.setCurrentKey(k);
      if (v.value() == null && m.isEmpty()) {
        continue;
      }
      Map<Integer, Long> mm = new HashMap<>();
      m.entries().forEach(e -> mm.put(e.getKey(), e.getValue()));
      all.put(k, v.value() + " " + l.get() + " " + new TreeMap<>(mm));
    }
    return all;
  }

  private static KeyedStateHandle checkpoint(RocksDbKeyedStateBackend b, long id, Path folder)
      throws Exception {
    Files.createDirectories(folder);
    return b.snapshot(id).write(folder, "op-" + b.keys().range().start());
  }

  @Test
  void when_snapshotRestoredIntoNewBackend_then_stateIsEqual() throws Exception {
    RocksDbKeyedStateBackend a = s.backend();
    fill(a, 0, KEYS, 1);
    Map<Integer, String> expected = contents(a);
    assertThat(expected).hasSize(KEYS);
    Path folder = tmp.resolve("chk-1");
    KeyedStateHandle handle = checkpoint(a, 1, folder);
    // Changes after the synchronous phase are not in the checkpoint.
    fill(a, 0, 10, 2);

    RocksDbKeyedStateBackend b = s.backend();
    b.restore(List.of(new RestoredKeyedState(folder, handle)));
    assertThat(contents(b)).isEqualTo(expected);
    assertThat(Files.list(a.directory().resolve("snapshots")).count()).isZero();
  }

  @Test
  void when_restoredStateNotRegisteredYet_then_itSurvivesTheNextCheckpoint() throws Exception {
    RocksDbKeyedStateBackend a = s.backend();
    fill(a, 0, 100, 1);
    Map<Integer, String> expected = contents(a);
    KeyedStateHandle h1 = checkpoint(a, 1, tmp.resolve("chk-1"));

    RocksDbKeyedStateBackend b = s.backend();
    b.restore(List.of(new RestoredKeyedState(tmp.resolve("chk-1"), h1)));
    ValueState<String> v = b.getState(value()); // only one of three states registered
    b.setCurrentKey(5);
    v.update("changed");
    KeyedStateHandle h2 = checkpoint(b, 2, tmp.resolve("chk-2"));
    assertThat(((RocksDbKeyedStateHandle) h2).columnFamilies())
        .containsValues("value", "list", "map");

    RocksDbKeyedStateBackend c = s.backend();
    c.restore(List.of(new RestoredKeyedState(tmp.resolve("chk-2"), h2)));
    Map<Integer, String> actual = contents(c);
    expected.put(5, expected.get(5).replace("v5/1", "changed"));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void when_rescaledFromOneToTwo_then_eachGetsItsKeyGroups() throws Exception {
    RocksDbKeyedStateBackend one = s.backend();
    fill(one, 0, KEYS, 1);
    Map<Integer, String> expected = contents(one);
    KeyedStateHandle handle = checkpoint(one, 1, tmp.resolve("chk-1"));

    Map<Integer, String> union = new HashMap<>();
    for (int i = 0; i < 2; i++) {
      KeyGroupRange range = KeyGroups.rangeOf(i, RocksTestSupport.MAX_PARALLELISM, 2);
      RocksDbKeyedStateBackend part = s.backend(range, true);
      part.restore(List.of(new RestoredKeyedState(tmp.resolve("chk-1"), handle)));
      Map<Integer, String> got = contents(part);
      assertThat(got).isNotEmpty();
      got.keySet().forEach(k ->
          assertThat(range.contains(KeyGroups.keyGroupOf(k, RocksTestSupport.MAX_PARALLELISM))).isTrue());
      assertThat(countEntries(part, range)).isEqualTo(got.size());
      union.putAll(got);
    }
    assertThat(union).isEqualTo(expected);
  }

  /** Value-state entries of the whole database (all key groups): none outside the range. */
  private static int countEntries(RocksDbKeyedStateBackend b, KeyGroupRange range) {
    int n = 0;
    try (var it = b.db().newIterator(((AbstractRocksState<?>) b.getState(value())).columnFamily)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        assertThat(range.contains(Bytes.keyGroupOf(it.key()))).isTrue();
        n++;
      }
    }
    return n;
  }

  @Test
  void when_rescaledFromTwoToOne_then_allStateIsBack() throws Exception {
    Map<Integer, String> expected = new HashMap<>();
    List<RestoredKeyedState> handles = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      KeyGroupRange range = KeyGroups.rangeOf(i, RocksTestSupport.MAX_PARALLELISM, 2);
      RocksDbKeyedStateBackend part = s.backend(range, true);
      for (int k = 0; k < KEYS; k++) {
        if (range.contains(KeyGroups.keyGroupOf(k, RocksTestSupport.MAX_PARALLELISM))) {
          fill(part, k, k + 1, 1);
        }
      }
      expected.putAll(contents(part));
      Path folder = tmp.resolve("chk-1");
      handles.add(new RestoredKeyedState(folder, checkpoint(part, 1, folder)));
    }
    assertThat(expected).hasSize(KEYS);
    RocksDbKeyedStateBackend one = s.backend();
    one.restore(handles);
    assertThat(contents(one)).isEqualTo(expected);
  }

  @Test
  void when_secondCheckpointIncremental_then_unchangedTablesAreHardLinkedAndSurviveDeletion()
      throws Exception {
    RocksDbKeyedStateBackend a = s.backend();
    fill(a, 0, KEYS, 1);
    Path chk1 = tmp.resolve("chk-1");
    RocksDbKeyedStateHandle h1 = (RocksDbKeyedStateHandle) checkpoint(a, 1, chk1);
    fill(a, 0, 20, 2);
    Map<Integer, String> expected = contents(a);
    Path chk2 = tmp.resolve("chk-2");
    RocksDbKeyedStateHandle h2 = (RocksDbKeyedStateHandle) checkpoint(a, 2, chk2);

    List<String> tables1 = tables(h1);
    List<String> tables2 = tables(h2);
    List<String> shared = new ArrayList<>(tables1);
    shared.retainAll(tables2);
    assertThat(shared).isNotEmpty();
    assertThat(tables2).hasSizeGreaterThan(shared.size()); // the new table of the changes
    for (String name : shared) {
      Path first = chk1.resolve(h1.directory()).resolve(name);
      Path second = chk2.resolve(h2.directory()).resolve(name);
      assertThat(Files.isSameFile(first, second)).isTrue();
      assertThat((Integer) Files.getAttribute(second, "unix:nlink")).isGreaterThanOrEqualTo(2);
    }
    verifyFiles(chk2, h2);

    RocksDbKeyedStateBackend.deleteRecursively(chk1);
    RocksDbKeyedStateBackend b = s.backend();
    b.restore(List.of(new RestoredKeyedState(chk2, h2)));
    assertThat(contents(b)).isEqualTo(expected);

    // The restored backend links the restored tables into its own next checkpoint.
    fill(b, 0, 5, 3);
    Path chk3 = tmp.resolve("chk-3");
    RocksDbKeyedStateHandle h3 = (RocksDbKeyedStateHandle) checkpoint(b, 3, chk3);
    String anyShared = shared.get(0);
    assertThat(Files.isSameFile(chk2.resolve(h2.directory()).resolve(anyShared),
        chk3.resolve(h3.directory()).resolve(anyShared))).isTrue();
    verifyFiles(chk3, h3);
  }

  @Test
  void when_incrementalOff_then_everyFileIsCopied() throws Exception {
    RocksDbKeyedStateBackend a = s.backend(KeyGroups.rangeOf(0, 128, 1), false);
    fill(a, 0, KEYS, 1);
    RocksDbKeyedStateHandle h1 = (RocksDbKeyedStateHandle) checkpoint(a, 1, tmp.resolve("c1"));
    RocksDbKeyedStateHandle h2 = (RocksDbKeyedStateHandle) checkpoint(a, 2, tmp.resolve("c2"));
    for (String name : tables(h2)) {
      assertThat(Files.isSameFile(tmp.resolve("c1").resolve(h1.directory()).resolve(name),
          tmp.resolve("c2").resolve(h2.directory()).resolve(name))).isFalse();
    }
  }

  private static List<String> tables(RocksDbKeyedStateHandle h) {
    List<String> names = new ArrayList<>();
    for (StateFile f : h.files()) {
      assertThat(f.name()).startsWith(h.directory() + "/");
      String name = f.name().substring(h.directory().length() + 1);
      if (name.endsWith(".sst")) {
        names.add(name);
      }
    }
    return names;
  }

  /** Every file of the handle exists with the recorded length and CRC-32. */
  private static void verifyFiles(Path folder, KeyedStateHandle h) throws Exception {
    assertThat(h.files()).isNotEmpty();
    for (StateFile f : h.files()) {
      byte[] bytes = Files.readAllBytes(folder.resolve(f.name()));
      CRC32 crc = new CRC32();
      crc.update(bytes);
      assertThat(bytes.length).as(f.name()).isEqualTo(f.length());
      assertThat(crc.getValue()).as(f.name()).isEqualTo(f.crc32());
    }
  }

  @Test
  void when_checkpointWritten_then_filesHaveCorrectLengthAndCrc() throws Exception {
    RocksDbKeyedStateBackend a = s.backend();
    fill(a, 0, KEYS, 1);
    Path folder = tmp.resolve("chk-1");
    RocksDbKeyedStateHandle h = (RocksDbKeyedStateHandle) checkpoint(a, 1, folder);
    verifyFiles(folder, h);
    assertThat(h.files()).extracting(StateFile::name)
        .anyMatch(n -> n.endsWith("/CURRENT"))
        .anyMatch(n -> n.contains("/MANIFEST-"))
        .anyMatch(n -> n.endsWith(".sst"))
        .allMatch(n -> n.startsWith("op-0-rocksdb/"));
  }

  @Test
  void when_handleSerializedAsJson_then_itReadsBackEqual() throws Exception {
    RocksDbKeyedStateBackend a = s.backend();
    fill(a, 0, 10, 1);
    RocksDbKeyedStateHandle h = (RocksDbKeyedStateHandle) checkpoint(a, 1, tmp.resolve("c"));
    ObjectMapper json = new ObjectMapper();
    String text = json.writeValueAsString(h);
    assertThat(json.readValue(text, RocksDbKeyedStateHandle.class)).isEqualTo(h);
  }

  @Test
  void when_handleOfAnotherBackend_then_restoreExplains() throws Exception {
    HeapKeyedStateBackend heap = new HeapKeyedStateBackend(KeyGroups.rangeOf(0, 128, 1), 128);
    Files.createDirectories(tmp.resolve("h"));
    KeyedStateHandle handle = heap.snapshot(1).write(tmp.resolve("h"), "op");
    RocksDbKeyedStateBackend a = s.backend();
    assertThatThrownBy(() -> a.restore(List.of(new RestoredKeyedState(tmp.resolve("h"), handle))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("checkpoint was taken with another state backend");
  }

  @Test
  void when_factoryLookedUpByName_then_serviceLoaderFindsIt() throws Exception {
    KeyedStateBackendFactory f = StateBackends.factoryFor("rocksdb");
    assertThat(f).isInstanceOf(RocksDbKeyedStateBackendFactory.class);
    assertThat(f.defaultConfiguration()).isInstanceOf(RocksDbStateBackend.class);
    assertThat(f.defaultConfiguration().name()).isEqualTo("rocksdb");
    assertThat(f.handleType()).isEqualTo(RocksDbKeyedStateHandle.class);
    RocksDbStateBackend config = new RocksDbStateBackend()
        .setManagedMemory(32L << 20).setLocalDirectory(tmp.resolve("configured"));
    try (var b = f.create(new KeyedStateBackendFactory.Parameters("job", "op/1", 0,
        KeyGroups.rangeOf(0, 128, 1), 128, () -> 0L, config, tmp.resolve("runtime")))) {
      ValueState<Long> v = b.getState(new ValueStateDescriptor<>("v", Long.class));
      b.setCurrentKey("k");
      v.update(1L);
      assertThat(v.value()).isEqualTo(1L);
      assertThat(Files.list(tmp.resolve("configured")).count()).isEqualTo(1);
    }
    assertThat(Files.list(tmp.resolve("configured")).count()).isZero();
  }

  @Test
  void when_configSerialized_then_optionsSurvive() throws Exception {
    RocksDbStateBackend config = new RocksDbStateBackend()
        .setManagedMemory(100L << 20).setLocalDirectory(tmp).setIncrementalCheckpoints(false);
    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(config);
    }
    RocksDbStateBackend copy = (RocksDbStateBackend) new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray())).readObject();
    assertThat(copy.managedMemory()).isEqualTo(100L << 20);
    assertThat(copy.localDirectory()).isEqualTo(tmp.toAbsolutePath());
    assertThat(copy.incrementalCheckpoints()).isFalse();
    assertThatThrownBy(() -> config.setManagedMemory(1000))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
