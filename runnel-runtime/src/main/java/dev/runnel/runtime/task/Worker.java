package dev.runnel.runtime.task;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread's loop over the tasklets it owns: call each in turn, drop those that are done, and back
 * off (spin, yield, then park for up to half a millisecond) while none makes progress. Exits when
 * all its tasklets are done or the job is stopping, and always closes its tasklets on the way out.
 */
final class Worker implements Runnable {
  private static final long MAX_PARK_NANOS = 500_000;

  private final LocalJob job;
  private final List<SubtaskTasklet> tasklets;

  Worker(LocalJob job, List<SubtaskTasklet> tasklets) {
    this.job = job;
    this.tasklets = List.copyOf(tasklets);
  }

  @Override
  public void run() {
    List<SubtaskTasklet> active = new ArrayList<>(tasklets);
    try {
      int idleRounds = 0;
      while (!active.isEmpty() && !job.isStopping()) {
        boolean progress = false;
        for (Iterator<SubtaskTasklet> it = active.iterator(); it.hasNext(); ) {
          SubtaskTasklet t = it.next();
          progress |= t.call();
          if (t.isDone()) {
            it.remove();
          }
        }
        idleRounds = progress ? 0 : idleRounds + 1;
        if (idleRounds > 0) {
          idle(idleRounds);
        }
      }
    } catch (Throwable t) {
      job.fail(t);
    } finally {
      for (SubtaskTasklet t : tasklets) {
        try {
          t.close();
        } catch (Throwable e) {
          job.fail(e);
        }
      }
      job.workerExited(active.isEmpty());
    }
  }

  private static void idle(int rounds) {
    if (rounds < 64) {
      Thread.onSpinWait();
    } else if (rounds < 128) {
      Thread.yield();
    } else {
      LockSupport.parkNanos(Math.min(MAX_PARK_NANOS, 1_000L << Math.min(rounds - 128, 10)));
    }
  }
}
