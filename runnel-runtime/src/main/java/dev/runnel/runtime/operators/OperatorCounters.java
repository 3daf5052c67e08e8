package dev.runnel.runtime.operators;

/**
 * Record counters of one operator subtask. Plain fields, written only by the subtask's thread and
 * read after the job's threads have been joined, so they cost no synchronisation on the hot path.
 */
public final class OperatorCounters {
  public long recordsIn;
  public long recordsOut;
  /** Side-output records that no downstream step consumes. */
  public long sideOutputsUnconsumed;
  /** Elements a window step dropped because all their windows were past the allowed lateness. */
  public long lateRecordsDropped;
}
