package dev.runnel.kafka.source.internal;

import dev.runnel.api.RunnelException;
import dev.runnel.kafka.source.StartingOffsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Turns a {@link StartingOffsets} into a plain offset per partition, once, when a fresh job's
 * readers open: so every checkpoint holds real offsets, and a restore never re-reads "latest".
 */
final class StartOffsets {
  private StartOffsets() {}

  static Map<TopicPartition, Long> resolve(Consumer<?, ?> consumer, List<TopicPartition> tps,
      StartingOffsets start, Duration timeout) {
    if (tps.isEmpty()) {
      return Map.of();
    }
    try {
      return switch (start.kind()) {
        case EARLIEST -> consumer.beginningOffsets(tps, timeout);
        case LATEST -> consumer.endOffsets(tps, timeout);
        case TIMESTAMP -> atTimestamp(consumer, tps, start.timestampMillis(), timeout);
        case COMMITTED -> committed(consumer, tps, start.fallback(), timeout);
      };
    } catch (TimeoutException e) {
      throw new RunnelException("cannot reach Kafka: no broker answered within "
          + timeout.toMillis() + " ms (to find the " + start + " offsets of " + tps + ")", e);
    }
  }

  private static Map<TopicPartition, Long> atTimestamp(Consumer<?, ?> consumer,
      List<TopicPartition> tps, long time, Duration timeout) {
    Map<TopicPartition, Long> query = new HashMap<>();
    tps.forEach(tp -> query.put(tp, time));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
    Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
    Map<TopicPartition, Long> out = new HashMap<>();
    for (TopicPartition tp : tps) {
      OffsetAndTimestamp o = found.get(tp);
      out.put(tp, o == null ? end.get(tp) : o.offset()); // nothing that late: from the end
    }
    return out;
  }

  private static Map<TopicPartition, Long> committed(Consumer<?, ?> consumer,
      List<TopicPartition> tps, StartingOffsets.Kind fallback, Duration timeout) {
    Map<TopicPartition, OffsetAndMetadata> committed =
        consumer.committed(new HashSet<>(tps), timeout);
    List<TopicPartition> without = new ArrayList<>();
    Map<TopicPartition, Long> out = new HashMap<>();
    for (TopicPartition tp : tps) {
      OffsetAndMetadata o = committed.get(tp);
      if (o == null) {
        without.add(tp);
      } else {
        out.put(tp, o.offset());
      }
    }
    if (!without.isEmpty()) {
      out.putAll(fallback == StartingOffsets.Kind.EARLIEST
          ? consumer.beginningOffsets(without, timeout)
          : consumer.endOffsets(without, timeout));
    }
    return out;
  }
}
