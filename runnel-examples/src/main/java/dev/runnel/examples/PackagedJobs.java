package dev.runnel.examples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The packaged jobs on the classpath, found with {@link ServiceLoader} and sorted by name.
 * Immutable once loaded.
 */
public final class PackagedJobs {
  private final List<PackagedJob> jobs;

  private PackagedJobs(List<PackagedJob> jobs) {
    List<PackagedJob> sorted = new ArrayList<>(jobs);
    sorted.sort(Comparator.comparing(PackagedJob::name));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
        throw new IllegalStateException("two packaged jobs are named '" + sorted.get(i).name()
            + "': " + sorted.get(i - 1).getClass().getName() + " and "
            + sorted.get(i).getClass().getName());
      }
    }
    this.jobs = List.copyOf(sorted);
  }

  /** Every job registered in {@code META-INF/services/dev.runnel.examples.PackagedJob}. */
  public static PackagedJobs load() {
    List<PackagedJob> found = new ArrayList<>();
    ServiceLoader.load(PackagedJob.class).forEach(found::add);
    return new PackagedJobs(found);
  }

  /** A registry of exactly these jobs. */
  public static PackagedJobs of(List<PackagedJob> jobs) {
    return new PackagedJobs(jobs);
  }

  /** All jobs, sorted by name. */
  public List<PackagedJob> all() {
    return jobs;
  }

  /** The job with this name, if there is one. */
  public Optional<PackagedJob> find(String name) {
    for (PackagedJob job : jobs) {
      if (job.name().equals(name)) {
        return Optional.of(job);
      }
    }
    return Optional.empty();
  }
}
