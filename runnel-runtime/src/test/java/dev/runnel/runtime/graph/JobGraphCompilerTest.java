package dev.runnel.runtime.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.DiscardingSink;
import dev.runnel.api.internal.JobPlan;
import dev.runnel.api.internal.Partitioning;
import dev.runnel.api.internal.SinkTransformation;
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
}
