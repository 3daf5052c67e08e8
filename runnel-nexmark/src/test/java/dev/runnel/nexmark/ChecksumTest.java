package dev.runnel.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.nexmark.queries.Q2Result;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChecksumTest {
  @Test
  void doesNotDependOnOrderButOnEveryRecord() {
    List<Q2Result> records = new ArrayList<>();
    for (long i = 0; i < 1000; i++) {
      records.add(new Q2Result(i * 123, i % 17));
    }
    Checksum checksum = Checksum.of(records);
    List<Q2Result> shuffled = new ArrayList<>(records);
    Collections.shuffle(shuffled, new Random(1));
    assertThat(Checksum.of(shuffled)).isEqualTo(checksum);
    assertThat(checksum.count()).isEqualTo(1000);

    List<Q2Result> changed = new ArrayList<>(records);
    changed.set(500, new Q2Result(500 * 123, 500 % 17 + 1));
    assertThat(Checksum.of(changed)).isNotEqualTo(checksum);
    assertThat(Checksum.of(changed).count()).isEqualTo(1000);

    List<Q2Result> duplicated = new ArrayList<>(records);
    duplicated.add(records.get(0));
    assertThat(Checksum.of(duplicated)).isNotEqualTo(checksum);
  }

  @Test
  void partialChecksumsCombine() {
    List<String> a = List.of("x", "y", "z");
    List<String> b = List.of("u", "v");
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    assertThat(Checksum.of(a).combine(Checksum.of(b))).isEqualTo(Checksum.of(all));
    assertThat(Checksum.EMPTY.combine(Checksum.of(a))).isEqualTo(Checksum.of(a));
  }

  @Test
  void hashIsFnv1aOfTheCanonicalStringThenSplitMixFinalised() {
    // FNV-1a 64 of "" is the offset basis; of "a" the published value 0xaf63dc4c8601ec8c
    assertThat(Checksum.hashString("")).isEqualTo(finalise(0xcbf29ce484222325L));
    assertThat(Checksum.hashString("a")).isEqualTo(finalise(0xaf63dc4c8601ec8cL));
    assertThat(Checksum.hash(new Q2Result(1, 2)))
        .isEqualTo(Checksum.hashString("Q2Result[auction=1, price=2]"));
    assertThat(Checksum.of(List.of("a")).toString())
        .matches("count=1 sum=[0-9a-f]{16} xor=[0-9a-f]{16}");
  }

  private static long finalise(long h) {
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }
}
