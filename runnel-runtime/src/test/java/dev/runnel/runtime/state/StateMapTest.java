package dev.runnel.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateMapTest {

  /** A key whose hashCode is chosen by the test, to force collisions. */
  private record Collider(int id, int hash) {
    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Collider c && c.id == id;
    }
  }

  @Test
  void when_manyEntriesPutAndRemoved_then_behavesLikeAHashMap() {
    StateMap<String, Integer> map = new StateMap<>();
    Map<String, Integer> reference = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      Long key = (long) (i % 3000);
      String ns = "w" + (i % 3);
      if (i % 7 == 0) {
        assertThat(map.remove(key, key.hashCode(), ns)).isEqualTo(reference.remove(key + "/" + ns));
      } else {
        assertThat(map.put(key, key.hashCode(), ns, i)).isEqualTo(reference.put(key + "/" + ns, i));
      }
    }
    assertThat(map.size()).isEqualTo(reference.size());
    Map<String, Integer> seen = new HashMap<>();
    map.forEach((k, ns, v) -> seen.put(k + "/" + ns, v));
    assertThat(seen).isEqualTo(reference);
  }

  @Test
  void when_sequentialKeysOfOneKeyGroup_then_theyAreSpreadOverTheBuckets() {
    // All keys of one key group agree in the low bits of their mixed hash; the table must not care.
    StateMap<VoidNamespace, Long> map = new StateMap<>();
    int stored = 0;
    for (long k = 0; stored < 5000; k++) {
      Long key = k;
      if (KeyGroups.keyGroupOf(key, 128) == 5) {
        map.put(key, key.hashCode(), VoidNamespace.INSTANCE, k);
        stored++;
      }
    }
    assertThat(map.longestChain()).isLessThanOrEqualTo(8);
  }

  @Test
  void when_keysCollide_then_eachKeepsItsOwnValue() {
    StateMap<VoidNamespace, String> map = new StateMap<>();
    for (int id = 0; id < 100; id++) {
      Collider c = new Collider(id, 42);
      map.put(c, 42, VoidNamespace.INSTANCE, "v" + id);
    }
    for (int id = 0; id < 100; id++) {
      assertThat(map.get(new Collider(id, 42), 42, VoidNamespace.INSTANCE)).isEqualTo("v" + id);
    }
    assertThat(map.remove(new Collider(50, 42), 42, VoidNamespace.INSTANCE)).isEqualTo("v50");
    assertThat(map.get(new Collider(50, 42), 42, VoidNamespace.INSTANCE)).isNull();
    assertThat(map.size()).isEqualTo(99);
  }

  @Test
  void when_transformAllReturnsNull_then_thoseEntriesAreRemovedAndTheRestKept() {
    StateMap<VoidNamespace, Integer> map = new StateMap<>();
    for (int i = 0; i < 1000; i++) {
      map.put(i, Integer.hashCode(i), VoidNamespace.INSTANCE, i);
    }
    int removed = map.transformAll((k, ns, v) -> v % 10 == 0 ? v : null);
    assertThat(removed).isEqualTo(900);
    assertThat(map.size()).isEqualTo(100);
    for (int i = 0; i < 1000; i++) {
      assertThat(map.get(i, Integer.hashCode(i), VoidNamespace.INSTANCE))
          .isEqualTo(i % 10 == 0 ? Integer.valueOf(i) : null);
    }
  }
}
