package dev.runnel.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runnel kafka topics --create NAME [--partitions N] | --list | --describe NAME}: creates,
 * lists (one name a line on standard output, internal topics left out) or describes a topic (a
 * line per partition with its leader and offsets). A topic that already exists ({@code --create})
 * or does not ({@code --describe}) is a failure: one line, exit 1.
 */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Creates, lists or describes topics.")
final class KafkaTopicsCommand implements java.util.concurrent.Callable<Integer> {
  @Spec private CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Action action;

  @Option(names = "--partitions", paramLabel = "N",
      description = "with --create: the number of partitions (default: 1)")
  private Integer partitions;

  @Mixin private KafkaClientOptions kafka;

  /** Exactly one of the three actions. */
  static final class Action {
    @Option(names = "--create", paramLabel = "NAME", required = true,
        description = "create the topic NAME (with the broker's default replication)")
    String create;

    @Option(names = "--list", required = true, description = "list the topics, one a line")
    boolean list;

    @Option(names = "--describe", paramLabel = "NAME", required = true,
        description = "show the topic's partitions: leader, replicas, first and next offset")
    String describe;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (partitions != null && action.create == null) {
      throw new ParameterException(spec.commandLine(), "--partitions goes with --create");
    }
    int count = partitions == null ? 1 : partitions;
    if (count < 1) {
      throw new ParameterException(spec.commandLine(),
          "invalid value '" + count + "' for option --partitions: must be at least 1");
    }
    if (action.create != null) {
      checkName(action.create);
    }
    try (Admin admin = kafka.connect()) {
      if (action.create != null) {
        create(admin, action.create, count);
      } else if (action.list) {
        list(admin);
      } else {
        describe(admin, action.describe);
      }
    }
    return 0;
  }

  private void checkName(String topic) {
    // Kafka's own rule, checked here so a typo is a usage error before anything is sent.
    if (topic.isEmpty() || topic.length() > 249 || !topic.matches("[a-zA-Z0-9._-]+")
        || topic.equals(".") || topic.equals("..")) {
      throw new ParameterException(spec.commandLine(), "invalid topic name '" + topic
          + "': use up to 249 letters, digits, '.', '_' and '-'");
    }
  }

  private void create(Admin admin, String topic, int count) throws InterruptedException {
    try {
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(count), Optional.empty())))
          .all().get(kafka.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        throw new CommandFailedException("topic '" + topic + "' already exists at "
            + kafka.bootstrapServers());
      }
      throw kafka.failed("create topic '" + topic + "'", e.getCause());
    } catch (TimeoutException e) {
      throw kafka.unreachable(e);
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("runnel: kafka: created topic '" + topic + "' with " + count
        + (count == 1 ? " partition" : " partitions"));
    err.flush();
  }

  private void list(Admin admin) throws InterruptedException {
    List<String> names;
    try {
      names = new ArrayList<>(admin.listTopics(new ListTopicsOptions().listInternal(false))
          .names().get(kafka.connectTimeout().toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      throw kafka.failed("list topics", e.getCause());
    } catch (TimeoutException e) {
      throw kafka.unreachable(e);
    }
    names.sort(null);
    PrintWriter out = spec.commandLine().getOut();
    names.forEach(out::println);
    out.flush();
  }

  private void describe(Admin admin, String topic) throws InterruptedException {
    TopicDescription description = kafka.describe(admin, topic);
    List<TopicPartition> partitions = new ArrayList<>();
    for (TopicPartitionInfo info : description.partitions()) {
      partitions.add(new TopicPartition(topic, info.partition()));
    }
    Map<TopicPartition, ListOffsetsResultInfo> first = offsets(admin, partitions,
        OffsetSpec.earliest());
    Map<TopicPartition, ListOffsetsResultInfo> next = offsets(admin, partitions,
        OffsetSpec.latest());
    PrintWriter out = spec.commandLine().getOut();
    out.println("topic " + topic + ": " + partitions.size()
        + (partitions.size() == 1 ? " partition" : " partitions"));
    for (TopicPartitionInfo info : description.partitions()) {
      TopicPartition partition = new TopicPartition(topic, info.partition());
      out.println("  partition " + info.partition()
          + ": leader " + (info.leader() == null ? "none" : info.leader().id())
          + ", replicas " + ids(info.replicas()) + ", in sync " + ids(info.isr())
          + ", first offset " + first.get(partition).offset()
          + ", next offset " + next.get(partition).offset());
    }
    out.flush();
  }

  private Map<TopicPartition, ListOffsetsResultInfo> offsets(
      Admin admin, List<TopicPartition> partitions, OffsetSpec spec) throws InterruptedException {
    Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
    partitions.forEach(p -> request.put(p, spec));
    try {
      return admin.listOffsets(request).all()
          .get(kafka.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw kafka.failed("read the offsets of topic '" + partitions.get(0).topic() + "'",
          e.getCause());
    } catch (TimeoutException e) {
      throw kafka.unreachable(e);
    }
  }

  private static String ids(List<Node> nodes) {
    return nodes.stream().map(node -> String.valueOf(node.id())).toList().toString();
  }
}
