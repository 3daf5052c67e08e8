package dev.runnel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runnel kafka produce TOPIC --input FILE [--key-field F]}: writes each line of the file
 * (standard input for {@code -}) to the topic as one record, its value the line's UTF-8 bytes;
 * empty lines are skipped. Without {@code --key-field} records have no key, so Kafka spreads them
 * over the partitions; with it each line must be a JSON object and the field's value is the key,
 * so all records of one key go to one partition, in file order. Prints {@code runnel: kafka:
 * produced N records to TOPIC} on standard error once Kafka has acknowledged them all.
 *
 * <p>A line without the key field, or that is not JSON, stops the command with {@code FILE:LINE:
 * reason} (exit 1) after the records before it have been written.
 */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Writes each line of a file to a topic as one record.")
final class KafkaProduceCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "TOPIC", description = "the topic to write to; it must exist")
  private String topic;

  @Option(names = "--input", paramLabel = "FILE", required = true,
      description = "the file to read, one record a line; '-' reads standard input")
  private Path input;

  @Option(names = "--key-field", paramLabel = "F",
      description = "read each line as a JSON object and key its record by the field F")
  private String keyField;

  @Mixin private KafkaClientOptions kafka;

  @Override
  public Integer call() throws IOException, InterruptedException {
    boolean standardInput = input.toString().equals("-");
    if (!standardInput && !Files.exists(input)) {
      throw new ParameterException(spec.commandLine(), "input file not found: " + input);
    }
    if (!standardInput && Files.isDirectory(input)) {
      throw new ParameterException(spec.commandLine(),
          "input is a directory, not a file: " + input);
    }
    try (Admin admin = kafka.connect()) {
      kafka.describe(admin, topic);
    }
    String source = standardInput ? "<stdin>" : input.toString();
    long produced = 0;
    AtomicReference<Exception> sendFailure = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = kafka.create(() -> new KafkaProducer<>(
            producerSettings(), new ByteArraySerializer(), new ByteArraySerializer()));
        BufferedReader reader = new BufferedReader(new InputStreamReader(
            standardInput ? unclosable(System.in) : Files.newInputStream(input),
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)))) {
      long lineNumber = 0;
      String line;
      try {
        while ((line = readLine(reader, source, lineNumber + 1)) != null) {
          lineNumber++;
          if (line.isEmpty()) {
            continue;
          }
          byte[] key = keyField == null ? null : key(line, source + ":" + lineNumber);
          producer.send(new ProducerRecord<>(topic, key, line.getBytes(StandardCharsets.UTF_8)),
              (metadata, e) -> {
                if (e != null) {
                  sendFailure.compareAndSet(null, e);
                }
              });
          produced++;
          if (sendFailure.get() != null) {
            break;
          }
        }
      } catch (CommandFailedException badLine) {
        producer.flush();
        throw new CommandFailedException(badLine.getMessage() + " (" + produced + " records "
            + "before it were produced to " + topic + ")");
      }
      producer.flush();
    } catch (KafkaException e) {
      throw kafka.failed("produce to topic '" + topic + "'", e);
    }
    if (sendFailure.get() != null) {
      throw kafka.failed("produce to topic '" + topic + "'", sendFailure.get());
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("runnel: kafka: produced " + produced + (produced == 1 ? " record" : " records")
        + " to " + topic);
    err.flush();
    return 0;
  }

  /** {@code in}, left open when the reader over it is closed (standard input is not ours). */
  private static java.io.InputStream unclosable(java.io.InputStream in) {
    return new java.io.FilterInputStream(in) {
      @Override
      public void close() {}
    };
  }

  private static String readLine(BufferedReader reader, String source, long lineNumber)
      throws IOException {
    try {
      return reader.readLine();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new CommandFailedException(source + ":" + lineNumber + ": invalid UTF-8");
    }
  }

  /** The key of {@code line}: the text of its key field (a number or boolean as written). */
  private byte[] key(String line, String where) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new CommandFailedException(where + ": not valid JSON: "
          + e.getOriginalMessage());
    }
    if (!node.isObject()) {
      throw new CommandFailedException(where + ": not a JSON object, so it has no field '"
          + keyField + "' to key it by");
    }
    JsonNode value = node.get(keyField);
    if (value == null || value.isNull()) {
      throw new CommandFailedException(where + ": field '" + keyField + "' is missing");
    }
    if (value.isContainerNode()) {
      throw new CommandFailedException(where + ": field '" + keyField
          + "' is not a string or number, so it cannot be a key");
    }
    return value.asText().getBytes(StandardCharsets.UTF_8);
  }

  private Map<String, Object> producerSettings() {
    Map<String, Object> settings = kafka.commonSettings();
    long timeout = kafka.connectTimeout().toMillis();
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, "runnel-kafka-produce");
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // How long send() may block for metadata: bounded like every other wait of the command.
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        (int) Math.min(Integer.MAX_VALUE, Math.max(120_000L, timeout + 1000)));
    return settings;
  }
}
