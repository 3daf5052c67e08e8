package dev.runnel.runtime.exchange;

/**
 * An element that travels between subtasks in the same queues as records, in order with them:
 * watermarks, idleness, checkpoint barriers and the end-of-partition marker. Records are carried as plain
 * objects; anything that is an instance of this class is control, never a user record (user code
 * cannot construct runtime types through the API).
 */
public abstract sealed class ControlElement
    permits Watermark, WatermarkStatus, CheckpointBarrier, EndOfPartition {}
