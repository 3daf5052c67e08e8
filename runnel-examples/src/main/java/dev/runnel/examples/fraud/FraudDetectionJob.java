package dev.runnel.examples.fraud;

import dev.runnel.api.DataStream;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.examples.EventTimeJobIo;
import dev.runnel.examples.JobArguments;
import dev.runnel.examples.JobField;
import dev.runnel.examples.JobField.Type;
import dev.runnel.examples.JobOption;
import dev.runnel.examples.PackagedJob;
import java.util.List;

/**
 * {@code fraud-detection}: reads card transactions ({@link Transaction}) and writes one {@link
 * FraudAlert} per suspicious finding, judged per account in arrival order by {@link
 * FraudDetectionFunction}. Nothing is late for this job: {@code --late-output} is accepted, like
 * for every event-time job, and stays empty.
 */
public final class FraudDetectionJob implements PackagedJob {
  public static final String NAME = "fraud-detection";

  /** Name and uid of the keyed step that judges the transactions. */
  public static final String DETECT_STEP = "detect";

  /** Never written: every transaction is judged on arrival. */
  private static final OutputTag<Transaction> NOTHING_LATE = new OutputTag<>("late");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Per account, alerts on an amount over 3x the previous one (AMOUNT_SPIKE) and on 3 or "
        + "more transactions within 60 s (VELOCITY)";
  }

  @Override
  public List<JobOption> options() {
    return EventTimeJobIo.withCommonOptions(
        List.of(EventTimeJobIo.outOfOrderness("5s")),
        "accepted for uniformity; every transaction is judged on arrival, so this file stays "
            + "empty");
  }

  @Override
  public List<JobField> inputFields() {
    return Transaction.FIELDS;
  }

  @Override
  public List<JobField> outputFields() {
    return List.of(
        JobField.required("transaction_id", Type.STRING, "the suspicious transaction"),
        JobField.required("account_id", Type.STRING, "its account"),
        JobField.required("type", Type.STRING, "AMOUNT_SPIKE or VELOCITY"),
        JobField.required("amount", Type.DECIMAL, "its amount, as read"),
        JobField.required("timestamp", Type.TIMESTAMP, "its event time"));
  }

  @Override
  public void build(StreamEnvironment env, JobArguments args) {
    DataStream<Transaction> transactions = EventTimeJobIo.input(env, args, Transaction.class,
        args.getDuration(EventTimeJobIo.OUT_OF_ORDERNESS));
    DataStream<FraudAlert> alerts = transactions
        .keyBy(Transaction::accountId)
        .process(new FraudDetectionFunction())
        .name(DETECT_STEP)
        .uid(DETECT_STEP);
    EventTimeJobIo.output(alerts, args, FraudAlert::accountId);
    EventTimeJobIo.lateOutput(alerts.getSideOutput(NOTHING_LATE), args, Transaction::accountId);
  }
}
