package dev.runnel.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.JobExecutionException;
import dev.runnel.api.JobHandle;
import dev.runnel.api.JobResult;
import dev.runnel.api.JobStatus;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.DiscardingSink;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Jobs end by themselves over bounded input, stop when cancelled, and never leak threads. */
class JobLifecycleTest {

  @RepeatedTest(3)
  void when_unboundedJobCancelled_then_cancelledAndNoThreadLeft() throws Exception {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(3).setWorkerThreads(2);
    DiscardingSink<Long> sink = new DiscardingSink<>();
    env.fromSource(GeneratorSource.<Long>of(i -> i).unbounded().build(), "endless")
        .keyBy(x -> x % 10)
        .count()
        .map(kv -> kv.value())
        .sinkTo(sink);

    JobHandle job = env.executeAsync("cancel-me");
    Thread.sleep(200);
    assertThat(job.isDone()).isFalse();
    assertThat(JobThreads.alive("cancel-me")).filteredOn(n -> n.contains("-worker-")).hasSize(2);
    job.cancel();
    JobResult result = job.await(Duration.ofSeconds(30));

    assertThat(result.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(job.isDone()).isTrue();
    assertThat(JobThreads.alive("cancel-me")).isEmpty();
    assertThat(sink.count()).isPositive();
  }

  @Test
  void when_blockingSinkWaitsAndJobCancelled_then_itsThreadIsInterruptedAndEnds() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    Sink<Long> blocking = new Sink<>() {
      @Override
      public SinkWriter<Long> createWriter(SinkContext context) {
        return record -> {
          writing.countDown();
          Thread.sleep(60_000); // a remote call that hangs
        };
      }

      @Override
      public boolean isBlocking() {
        return true;
      }
    };
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    env.fromSource(GeneratorSource.<Long>of(i -> i).unbounded().build(), "endless")
        .rebalance()
        .sinkTo(blocking).setParallelism(1);

    JobHandle job = env.executeAsync("blocking-cancel");
    assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(JobThreads.alive("blocking-cancel")).anyMatch(n -> n.contains("blocking"));
    job.cancel();

    // The sink is interrupted in its write; that is the cancellation, not a job failure.
    assertThat(job.await(Duration.ofSeconds(10)).status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(JobThreads.alive("blocking-cancel")).isEmpty();
  }

  @Test
  void when_jobFailedBeforeCancel_then_awaitReportsTheFailure() throws Exception {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    env.fromSource(GeneratorSource.<Long>of(i -> i).unbounded().build(), "endless")
        .map(x -> {
          if (x == 1000) {
            throw new IllegalStateException("broken");
          }
          return x;
        }).name("breaks")
        .sinkTo(new DiscardingSink<>());
    JobHandle job = env.executeAsync("fail-then-cancel");
    while (!job.isDone()) {
      Thread.sleep(10);
    }
    job.cancel(); // too late: the job already failed

    assertThatThrownBy(job::await)
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining("breaks");
  }

  @Test
  void when_awaitTimesOut_then_timeoutExceptionAndJobStillCancellable() throws Exception {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    env.fromSource(GeneratorSource.<Long>of(i -> i).unbounded().ratePerSecond(100).build(), "slow")
        .sinkTo(new DiscardingSink<>());
    JobHandle job = env.executeAsync("timeout");

    try {
      job.await(Duration.ofMillis(100));
      throw new AssertionError("expected a timeout");
    } catch (TimeoutException expected) {
      // the job is still running
    }
    job.cancel();
    assertThat(job.await().status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(JobThreads.alive("timeout")).isEmpty();
  }

  @Test
  void when_boundedJobEnds_then_finishedAndNoThreadLeft() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(4).setWorkerThreads(2);
    DiscardingSink<Long> sink = new DiscardingSink<>();
    env.fromSequence(1, 1_000_000).keyBy(x -> x % 1000).count().map(kv -> kv.value()).sinkTo(sink);

    JobResult result = env.execute("bounded");

    assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(sink.count()).isEqualTo(1_000_000);
    assertThat(JobThreads.alive("bounded")).isEmpty();
  }

  @Test
  void when_rateLimited_then_sourceDoesNotRunAhead() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    DiscardingSink<Long> sink = new DiscardingSink<>();
    env.fromSource(GeneratorSource.<Long>of(i -> i).count(200).ratePerSecond(1000).build(), "paced")
        .sinkTo(sink);
    JobResult result = env.execute("paced");
    // 200 records at 1000/s cannot be done in much less than 200 ms.
    assertThat(result.duration()).isGreaterThan(Duration.ofMillis(150));
    assertThat(sink.count()).isEqualTo(200);
  }
}
