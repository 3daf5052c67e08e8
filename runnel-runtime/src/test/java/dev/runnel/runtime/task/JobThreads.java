package dev.runnel.runtime.task;

import java.util.List;

/** Finds the threads a job started, by the name prefix every job thread carries. */
final class JobThreads {
  private JobThreads() {}

  static List<String> alive(String jobName) {
    String prefix = "runnel-" + jobName + "-";
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith(prefix))
        .toList();
  }
}
