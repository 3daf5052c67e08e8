package dev.runnel.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.StreamEnvironment;
import dev.runnel.examples.orders.OrderAlertsJob;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackagedJobsTest {
  @Test
  void when_loaded_then_orderAlertsIsFoundThroughServiceLoader() {
    PackagedJobs jobs = PackagedJobs.load();

    assertThat(jobs.find("order-alerts")).get().isInstanceOf(OrderAlertsJob.class);
  }

  @Test
  void when_nameUnknown_then_findIsEmpty() {
    assertThat(PackagedJobs.load().find("no-such-job")).isEmpty();
  }

  @Test
  void when_severalJobs_then_theyAreSortedByName() {
    PackagedJobs jobs = PackagedJobs.of(List.of(job("zeta"), job("alpha"), job("mid")));

    assertThat(jobs.all()).extracting(PackagedJob::name).containsExactly("alpha", "mid", "zeta");
  }

  @Test
  void when_twoJobsShareAName_then_loadingFails() {
    assertThatThrownBy(() -> PackagedJobs.of(List.of(job("same"), job("same"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two packaged jobs are named 'same'");
  }

  private static PackagedJob job(String name) {
    return new PackagedJob() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return "job " + name;
      }

      @Override
      public List<JobOption> options() {
        return List.of();
      }

      @Override
      public void build(StreamEnvironment env, JobArguments args) {}
    };
  }
}
