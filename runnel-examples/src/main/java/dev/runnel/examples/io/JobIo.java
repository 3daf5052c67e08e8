package dev.runnel.examples.io;

import dev.runnel.api.DataStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.connector.file.BadRecordPolicy;
import dev.runnel.connector.file.FileSink;
import dev.runnel.connector.file.FileSource;
import dev.runnel.examples.JobArguments;
import dev.runnel.examples.PackagedJob;
import dev.runnel.examples.json.JsonRecordDeserializer;
import java.util.Optional;
import java.util.function.Function;

/**
 * The sources and sinks of every packaged job, made from its {@link Endpoint}s, so that each job
 * reads and writes files and Kafka topics alike without knowing which.
 *
 * <p><b>Input.</b> A file (or directory, or standard input) is read by a {@link FileSource} of
 * JSON lines; a topic by a Kafka source of JSON values ({@link KafkaEndpoints}). Either way one
 * reader reads the whole input ({@link PackagedJob#INPUT_STEP}, parallelism 1), so that the
 * records of one key, and the watermark, follow the input order, which the jobs' results depend
 * on. Records that cannot be decoded fail the job, or go to the dead-letter endpoint when one is
 * given.
 *
 * <p><b>Outputs.</b> A file gets a {@link FileSink} of JSON lines; a topic a Kafka sink writing
 * the same JSON as the record's value, keyed by the job's key, so one key's results stay in order
 * in one partition (see {@link KafkaEndpoints}). Each output is written by one subtask, as a
 * file is.
 */
public final class JobIo {
  private JobIo() {}

  /**
   * The job's input records of {@code type}, read from {@link JobArguments#inputEndpoint()} as
   * JSON (fields named as {@code --field} maps them; at most {@link JobArguments#rate()} records
   * per second), with timestamps and watermarks from {@code watermarks} if it is not null. Bad
   * records go to {@code deadLetters} ({@link PackagedJob#DEAD_LETTER_STEP}) if present, else fail
   * the job.
   */
  public static <T> DataStream<T> input(StreamEnvironment env, JobArguments args, Class<T> type,
      WatermarkStrategy<T> watermarks, Optional<Endpoint> deadLetters) {
    if (args.inputEndpoint() instanceof Endpoint.KafkaTopic topic) {
      return KafkaEndpoints.input(env, args, topic, type, watermarks, deadLetters);
    }
    FileSource.Builder<T> builder = FileSource.jsonLines(args.input(), type,
            JsonRecordDeserializer.attributes(args.fieldMapping()))
        .onBadRecord(deadLetters.isPresent() ? BadRecordPolicy.DEAD_LETTER : BadRecordPolicy.FAIL);
    args.rate().ifPresent(builder::withRate);
    FileSource<T> source = builder.build();
    // One reader keeps the input order (files by name, lines in file order).
    DataStream<T> records = (watermarks == null
            ? env.fromSource(source, PackagedJob.INPUT_STEP)
            : env.fromSource(source, watermarks, PackagedJob.INPUT_STEP))
        .setParallelism(1);
    deadLetters.ifPresent(endpoint -> output(records.getSideOutput(FileSource.DEAD_LETTERS),
        endpoint, args, null, PackagedJob.DEAD_LETTER_STEP));
    return records;
  }

  /**
   * Writes {@code records} to {@code endpoint} as the step {@code step}: JSON lines to a file, or
   * JSON values keyed by {@code key} to a topic ({@code key} null: records without keys; a key
   * that is a string is written as UTF-8, a byte array as it is).
   */
  public static <R> void output(DataStream<R> records, Endpoint endpoint, JobArguments args,
      Function<? super R, ?> key, String step) {
    if (endpoint instanceof Endpoint.KafkaTopic topic) {
      KafkaEndpoints.output(records, topic, args, key, step);
      return;
    }
    records.sinkTo(FileSink.jsonLines(((Endpoint.File) endpoint).path()))
        .name(step)
        .setParallelism(1);
  }
}
