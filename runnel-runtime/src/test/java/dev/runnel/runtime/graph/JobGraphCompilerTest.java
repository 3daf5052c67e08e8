package dev.runnel.runtime.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.InvalidJobException;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.DiscardingSink;
import dev.runnel.api.functions.CoProcessFunction;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.KeyedCoProcessFunction;
import dev.runnel.api.internal.JobPlan;
import dev.runnel.api.internal.Partitioning;
import dev.runnel.api.internal.SinkTransformation;
import dev.runnel.api.internal.TwoInputOperatorSpec;
import dev.runnel.api.internal.TwoInputTransformation;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobGraphCompilerTest {

  private static JobGraph compile(StreamEnvironment env, SinkTransformation<?>... sinks) {
    return JobGraphCompiler.compile(new JobPlan("test", List.of(sinks), env.getParallelism(),
        env.getMaxParallelism(), 2, 200));
  }

  @Test
  void when_sameParallelismForward_then_oneChain() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    var sink = new SinkTransformation<>(100, "sink",
        env.fromSequence(1, 10).map(x -> x).filter(x -> true).transformation(), new DiscardingSink<>());

    JobGraph g = compile(env, sink);

    assertThat(g.chains()).hasSize(1);
    assertThat(g.chains().get(0).nodes()).hasSize(4);
  }

  @Test
  void when_keyBy_then_chainBreaksWithKeyGroupEdge() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    var sink = new SinkTransformation<>(100, "sink",
        env.fromSequence(1, 10).keyBy(x -> x).count().transformation(), new DiscardingSink<>());

    JobGraph g = compile(env, sink);

    assertThat(g.chains()).hasSize(2);
    StreamEdge edge = g.chains().get(1).inputs().get(0);
    assertThat(edge.partitioning()).isEqualTo(Partitioning.Kind.KEY_GROUPS);
    assertThat(edge.isChained()).isFalse();
  }

  @Test
  void when_bothSidesParallelismOne_then_keyByIsChained() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    var sink = new SinkTransformation<>(100, "sink",
        env.fromSequence(1, 10).keyBy(x -> x).count().transformation(), new DiscardingSink<>());

    assertThat(compile(env, sink).chains()).hasSize(1);
  }

  @Test
  void when_parallelismDiffers_then_defaultIsRebalance() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    var sink = new SinkTransformation<>(100, "sink",
        env.fromSequence(1, 10).map(x -> x).setParallelism(3).transformation(), new DiscardingSink<>());

    JobGraph g = compile(env, sink);

    StreamEdge edge = g.chains().get(1).inputs().get(0);
    assertThat(edge.partitioning()).isEqualTo(Partitioning.Kind.REBALANCE);
  }

  @Test
  void when_union_then_consumerHasOneEdgePerInputAndIsNotChained() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    var union = env.fromSequence(1, 10).union(env.fromSequence(11, 20)).map(x -> x);
    var sink = new SinkTransformation<>(100, "sink", union.transformation(), new DiscardingSink<>());

    JobGraph g = compile(env, sink);

    assertThat(g.chains()).hasSize(3);
    assertThat(g.chains().get(2).inputs()).hasSize(2);
  }

  @Test
  void when_collectionSource_then_itsParallelismIsCappedAtOne() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(4);
    var sink = new SinkTransformation<>(100, "sink",
        env.fromElements(1, 2, 3).map(x -> x).transformation(), new DiscardingSink<>());

    JobGraph g = compile(env, sink);

    assertThat(g.nodes().get(0).parallelism()).isEqualTo(1);
    assertThat(g.nodes().get(1).parallelism()).isEqualTo(4);
  }

  @Test
  void when_connected_then_edgesSayTheirInput_andNeitherIsChained() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    var connected = env.fromSequence(1, 10).connect(env.fromElements("a"))
        .process(new CoProcessFunction<Long, String, String>() {
          @Override
          public void processElement1(Long v, Context c, Collector<String> o) {}

          @Override
          public void processElement2(String v, Context c,
              Collector<String> o) {}
        });
    var sink = new SinkTransformation<>(100, "sink", connected.transformation(),
        new DiscardingSink<>());

    JobGraph g = compile(env, sink);

    Chain twoInput = g.chains().stream().filter(c -> c.head().isTwoInput()).findFirst().orElseThrow();
    assertThat(twoInput.nodes()).hasSize(2); // the sink is chained behind it
    assertThat(twoInput.inputs()).extracting(StreamEdge::targetInput).containsExactly(1, 2);
    assertThat(twoInput.inputs()).noneMatch(StreamEdge::isChained);
    assertThat(twoInput.inputs()).extracting(e -> e.source().name())
        .containsExactly("Sequence", "Collection");
  }

  @Test
  void when_unionFeedsSecondInput_then_allItsEdgesFeedInputTwo() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    var second = env.fromSequence(1, 5).union(env.fromSequence(6, 9));
    var connected = env.fromSequence(1, 10).keyBy(x -> x % 3)
        .connect(second.keyBy(x -> x % 3))
        .process(new KeyedCoProcessFunction<Long, Long, Long, Long>() {
          @Override
          public void processElement1(Long v, Context<Long> c,
              Collector<Long> o) {}

          @Override
          public void processElement2(Long v, Context<Long> c,
              Collector<Long> o) {}
        });
    var sink = new SinkTransformation<>(100, "sink", connected.transformation(),
        new DiscardingSink<>());

    JobGraph g = compile(env, sink);

    StreamNode node = g.nodes().stream().filter(StreamNode::isTwoInput).findFirst().orElseThrow();
    assertThat(node.isKeyed()).isTrue();
    assertThat(node.inputs()).extracting(StreamEdge::targetInput).containsExactly(1, 2, 2);
    assertThat(node.inputs()).allMatch(e -> e.partitioning() == Partitioning.Kind.KEY_GROUPS);
  }

  @Test
  void when_keyedTwoInputNotKeyedOnOneInput_then_rejected() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    var keyed = env.fromSequence(1, 10).keyBy(x -> x);
    var plain = env.fromSequence(1, 10);
    var spec = new TwoInputOperatorSpec.KeyedCoProcess(
        new KeyedCoProcessFunction<Long, Long, Long, Long>() {
          @Override
          public void processElement1(Long v, Context<Long> c,
              Collector<Long> o) {}

          @Override
          public void processElement2(Long v, Context<Long> c,
              Collector<Long> o) {}
        }, (KeySelector<Long, Long>) x -> x,
        (KeySelector<Long, Long>) x -> x);
    var node = new TwoInputTransformation<Long, Long, Long>(
        50, "Joined", keyed.transformation(), plain.transformation(), spec);
    var sink = new SinkTransformation<>(100, "sink", node, new DiscardingSink<>());

    assertThatThrownBy(() -> compile(env, sink))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("keyBy(...) on both inputs; input 2 is FORWARD");
  }
}
