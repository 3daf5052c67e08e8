package dev.runnel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.DeadLetter;
import dev.runnel.connector.file.BadRecordPolicy;
import dev.runnel.connector.file.FileSource;
import dev.runnel.examples.logs.LogEvent;
import dev.runnel.examples.orders.Order;
import dev.runnel.examples.totals.OrderAmount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every packaged job's input decoder says what is wrong with a line in the same plain words,
 * whether Jackson binds the record ({@link Order}, order-alerts) or the job's own decoder reads it
 * ({@link OrderAmount}, {@link LogEvent}): the field and the problem, no library or class names.
 */
class DecoderWordingTest {
  @TempDir Path dir;

  @Test
  void when_orderAlertsInputIsBad_then_reasonsNameTheFieldInPlainWords() throws IOException {
    List<String> reasons = deadLetterReasons(Order.class,
        "{\"order_id\":\"o-3\",\"amount\":5}",
        "{\"order_id\":\"o-4\",\"user_id\":\"u-1\",\"amount\":\"x\"}",
        "{\"order_id\":\"o-5\",\"user_id\":\"u-1\",\"amount\":{}}",
        "{\"order_id\":\"o-6\",\"user_id\":\"u-1\",\"amount\":5",
        "{\"order_id\":\"o-7\",\"user_id\":null,\"amount\":5}");

    assertThat(reasons).containsExactly(
        "field 'customer_id' is missing",
        "field 'amount': expected a number, found \"x\"",
        "field 'amount': expected a number, found an object",
        "not valid JSON: the line ends before the JSON object is complete",
        "field 'user_id' is missing");
    assertPlain(reasons);
  }

  @Test
  void when_eventTimeInputIsBad_then_reasonsUseTheSameWords() throws IOException {
    List<String> orders = deadLetterReasons(OrderAmount.class,
        "{\"order_id\":\"o-1\",\"total_amount\":1,\"timestamp\":0}",
        "{\"order_id\":\"o-2\",\"customer_id\":\"c\",\"total_amount\":\"x\",\"timestamp\":0}",
        "{\"order_id\":\"o-3\",\"customer_id\":\"c\",\"total_amount\":1,\"timestamp\":\"soon\"}",
        "{\"order_id\":\"o-4\",\"customer_id\":{},\"total_amount\":1,\"timestamp\":0}",
        "{\"order_id\":\"o-5\" \"customer_id\":\"c\"}");
    List<String> logs = deadLetterReasons(LogEvent.class,
        "{\"id\":2,\"service\":\"db\",\"message\":\"x\",\"timestamp\":\"2026-01-01T10:00:05Z\"}");

    assertThat(orders).containsExactly(
        "field 'customer_id' is missing",
        "field 'total_amount': expected a number, found \"x\"",
        "field 'timestamp': expected an ISO-8601 instant or epoch milliseconds, found \"soon\"",
        "field 'customer_id': expected a string, found an object",
        "not valid JSON: unexpected character '\"' at column 19");
    assertThat(logs).containsExactly("field 'severity' is missing");
    assertPlain(orders);
  }

  private <T> List<String> deadLetterReasons(Class<T> type, String... lines) throws IOException {
    Path input = Files.write(dir.resolve(type.getSimpleName() + ".jsonl"), List.of(lines));
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    FileSource<T> source =
        FileSource.jsonLines(input, type).onBadRecord(BadRecordPolicy.DEAD_LETTER).build();
    return env.fromSource(source, "input").getSideOutput(FileSource.DEAD_LETTERS)
        .executeAndCollect().stream().map(DeadLetter::reason).toList();
  }

  private static void assertPlain(List<String> reasons) {
    assertThat(reasons).allSatisfy(reason -> assertThat(reason).doesNotContain(
        "creator", "(index", "Cannot", "Unexpected", "Unrecognized", "`", "dev.runnel", "java.",
        "token", "decode JSON line as"));
  }
}
