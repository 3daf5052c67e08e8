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
  /**
   * Records dropped as late: behind the watermark where the step cannot use them (an interval
   * join), or past every window's allowed lateness (a window step without a late side output).
   */
  public long lateRecordsDropped;
}
