package dev.runnel.runtime.operators.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SliceBufferTest {
  @Test
  void when_comparedWithAMap_then_getPutRemoveAgree() {
    Random random = new Random(3);
    for (int round = 0; round < 50; round++) {
      SliceBuffer buffer = new SliceBuffer();
      Map<Long, Object> model = new HashMap<>();
      long base = random.nextInt(1_000) - 500;
      for (int op = 0; op < 500; op++) {
        long slice = base + random.nextInt(40 + round * 4);
        switch (random.nextInt(3)) {
          case 0, 1 -> {
            Object v = "v" + op;
            buffer.put(slice, v);
            model.put(slice, v);
          }
          default -> {
            buffer.remove(slice);
            model.remove(slice);
          }
        }
        long probe = base - 5 + random.nextInt(60 + round * 4);
        assertThat(buffer.get(probe)).isEqualTo(model.get(probe));
        assertThat(buffer.isEmpty()).isEqualTo(model.isEmpty());
      }
      for (Map.Entry<Long, Object> e : model.entrySet()) {
        assertThat(buffer.get(e.getKey())).isEqualTo(e.getValue());
      }
    }
  }
}
