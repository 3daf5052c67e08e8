package dev.runnel.connector.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.runnel.api.connector.DeadLetter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceJsonLinesTest {
  @TempDir Path dir;

  record Order(
      @JsonProperty("order_id") String orderId,
      @JsonProperty("customer_name") String customerName,
      double amount) {}

  /** A bean with a no-argument constructor and setters, as older code has. */
  static final class Customer {
    private String name;
    private int visits;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public int getVisits() {
      return visits;
    }

    public void setVisits(int visits) {
      this.visits = visits;
    }
  }

  @Test
  void when_linesAreObjects_then_eachBecomesMapInFieldOrder() throws Exception {
    Path file = write("{\"b\":1,\"a\":\"x\",\"nested\":{\"k\":[1,2]}}\n{\"z\":true}\n");

    RecordingOutput<Map<String, Object>> out =
        SourceDriver.readAll(FileSource.jsonLines(file).build());

    assertThat(out.records).hasSize(2);
    assertThat(out.records.get(0)).containsOnlyKeys("b", "a", "nested");
    assertThat(out.records.get(0).keySet()).containsExactly("b", "a", "nested");
    assertThat(out.records.get(0).get("nested")).isEqualTo(Map.of("k", List.of(1, 2)));
    assertThat(out.records.get(1)).isEqualTo(Map.of("z", true));
  }

  @Test
  void when_recordHasSnakeCaseJsonPropertyNames_then_linesDecodeToRecordsIgnoringUnknownFields()
      throws Exception {
    Path file = write(
        "{\"order_id\":\"o-1\",\"customer_name\":\"Ada\",\"amount\":12.5,\"extra\":\"ignored\"}\r\n"
            + "{\"order_id\":\"o-2\",\"customer_name\":\"Lin\",\"amount\":3}");

    RecordingOutput<Order> out =
        SourceDriver.readAll(FileSource.jsonLines(file, Order.class).build());

    assertThat(out.records)
        .containsExactly(new Order("o-1", "Ada", 12.5), new Order("o-2", "Lin", 3.0));
  }

  @Test
  void when_typeIsBean_then_linesDecodeThroughSetters() throws Exception {
    Path file = write("{\"name\":\"Ada\",\"visits\":3,\"since\":2019}\n");

    RecordingOutput<Customer> out =
        SourceDriver.readAll(FileSource.jsonLines(file, Customer.class).build());

    assertThat(out.records).singleElement().satisfies(c -> {
      assertThat(c.getName()).isEqualTo("Ada");
      assertThat(c.getVisits()).isEqualTo(3);
    });
  }

  @Test
  void when_linesAreBlank_then_theyAreSkippedButCountedInLineNumbers() throws Exception {
    Path file = write("\n{\"a\":1}\n   \r\n\t\n{\"a\":2}\nnot json\n");

    RecordingOutput<Map<String, Object>> out = SourceDriver.readAll(
        FileSource.jsonLines(file).onBadRecord(BadRecordPolicy.DEAD_LETTER).build());

    assertThat(out.records).containsExactly(Map.of("a", 1), Map.of("a", 2));
    assertThat(out.sideOutput(FileSource.DEAD_LETTERS))
        .singleElement()
        .extracting(DeadLetter::position)
        .isEqualTo(6L);
  }

  @Test
  void when_lineIsNotJsonUnderFailPolicy_then_errorNamesPathLineAndReason() throws Exception {
    Path file = write("{\"order_id\":\"o-1\",\"customer_name\":\"Ada\",\"amount\":1}\n"
        + "\n"
        + "{\"order_id\": #}\n");
    FileSource<Order> source = FileSource.jsonLines(file, Order.class).build();

    assertThatThrownBy(() -> SourceDriver.readAll(source))
        .isInstanceOf(RecordDecodingException.class)
        .hasMessage(file + ":3: not valid JSON: unexpected character '#' at column 14")
        .hasMessageNotContaining("[Source:")
        .satisfies(e -> {
          RecordDecodingException error = (RecordDecodingException) e;
          assertThat(error.source()).isEqualTo(file.toString());
          assertThat(error.lineNumber()).isEqualTo(3);
          assertThat(error.getCause()).isNotNull();
        });
  }

  @Test
  void when_lineIsNotJson_then_deadLetterHasLineNumberAndReason() throws Exception {
    String bad = "{\"order_id\": oops";
    Path file = write("{\"order_id\":\"o-1\",\"customer_name\":\"Ada\",\"amount\":1}\n"
        + bad + "\n"
        + "{\"order_id\":\"o-3\",\"customer_name\":\"Lin\",\"amount\":2}\n");

    RecordingOutput<Order> out = SourceDriver.readAll(
        FileSource.jsonLines(file, Order.class).onBadRecord(BadRecordPolicy.DEAD_LETTER).build());

    assertThat(out.records).extracting(Order::orderId).containsExactly("o-1", "o-3");
    assertThat(out.sideOutput(FileSource.DEAD_LETTERS)).hasSize(1);
    DeadLetter letter = out.sideOutput(FileSource.DEAD_LETTERS).get(0);
    assertThat(letter.source()).isEqualTo(file.toString());
    assertThat(letter.position()).isEqualTo(2);
    assertThat(letter.reason())
        .isEqualTo("not valid JSON: unexpected word 'oops' at column 14"
            + " (text must be in double quotes)");
    assertThat(letter.raw()).isEqualTo(bad);
  }

  @Test
  void when_lineIsJsonButNotObject_then_itIsABadRecord() throws Exception {
    Path file = write("42\n[1,2]\n\"text\"\nnull\n{\"a\":1} {\"b\":2}\n{\"a\":1}\n");

    RecordingOutput<Map<String, Object>> out = SourceDriver.readAll(
        FileSource.jsonLines(file).onBadRecord(BadRecordPolicy.DEAD_LETTER).build());

    assertThat(out.records).containsExactly(Map.of("a", 1));
    assertThat(out.sideOutput(FileSource.DEAD_LETTERS))
        .extracting(DeadLetter::position, DeadLetter::reason)
        .containsExactly(
            tuple(
                1L, "expected a JSON object but found a number"),
            tuple(
                2L, "expected a JSON object but found an array"),
            tuple(
                3L, "expected a JSON object but found a string"),
            tuple(
                4L, "expected a JSON object but found null"),
            tuple(
                5L, "unexpected content after the JSON object"));
  }

  @Test
  void when_fieldHasWrongType_then_reasonNamesTheField() throws Exception {
    Path file = write("{\"order_id\":\"o-1\",\"amount\":\"lots\"}\n");

    RecordingOutput<Order> out = SourceDriver.readAll(
        FileSource.jsonLines(file, Order.class).onBadRecord(BadRecordPolicy.DEAD_LETTER).build());

    assertThat(out.sideOutput(FileSource.DEAD_LETTERS))
        .singleElement()
        .extracting(DeadLetter::reason)
        .isEqualTo("field 'amount': expected a number, found \"lots\"");
  }

  /** A record whose fields Jackson must find, and whose constructor checks a value. */
  record Payment(
      @JsonProperty(value = "payment_id", required = true) String paymentId,
      @JsonProperty(value = "user_id", required = true) String userId,
      @JsonProperty("lines") List<PaymentLine> lines) {
    Payment {
      if (userId != null && userId.isBlank()) {
        throw new IllegalArgumentException("field 'user_id' must not be blank");
      }
    }
  }

  record PaymentLine(@JsonProperty("cents") long cents) {}

  @Test
  void when_linesAreBadInEveryWay_then_reasonsArePlainWordsWithoutLibraryOrClassNames()
      throws Exception {
    Path file = write("{\"payment_id\":\"p-1\"}\n"
        + "{\"payment_id\":\"p-2\",\"user_id\":\" \"}\n"
        + "{\"payment_id\":\"p-3\",\"user_id\":\"u\",\"lines\":[{\"cents\":1},{\"cents\":{}}]}\n"
        + "{\"payment_id\":\"p-4\",\"user_id\":\"u\",\"lines\":7}\n"
        + "{\"payment_id\":\"p-5\",\"user_id\":\"u\"\n"
        + "{payment_id:1}\n"
        + "{\"payment_id\":\"a\tb\",\"user_id\":\"u\"}\n");

    RecordingOutput<Payment> out = SourceDriver.readAll(FileSource.jsonLines(file, Payment.class)
        .onBadRecord(BadRecordPolicy.DEAD_LETTER).build());

    assertThat(out.sideOutput(FileSource.DEAD_LETTERS))
        .extracting(DeadLetter::position, DeadLetter::reason)
        .containsExactly(
            tuple(1L, "field 'user_id' is missing"),
            tuple(2L, "field 'user_id' must not be blank"),
            tuple(3L, "field 'lines[1].cents': expected a number, found an object"),
            tuple(4L, "field 'lines': expected a list, found 7"),
            tuple(5L, "not valid JSON: the line ends before the JSON object is complete"),
            tuple(6L, "not valid JSON: unexpected character 'p' at column 2"),
            tuple(7L, "not valid JSON: a control character (such as a tab) inside a string"
                + " at column 17 must be written as an escape (\\t)"));
    assertThat(out.sideOutput(FileSource.DEAD_LETTERS)).extracting(DeadLetter::reason)
        .allSatisfy(reason -> assertThat(reason).doesNotContain(
            "creator", "(index", "Cannot", "Unrecognized", "Unexpected", "`", "dev.runnel",
            "java.", "Payment", "token"));
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("in.jsonl"), text, StandardCharsets.UTF_8);
  }
}
