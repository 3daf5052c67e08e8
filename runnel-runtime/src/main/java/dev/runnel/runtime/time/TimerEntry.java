package dev.runnel.runtime.time;

import dev.runnel.api.functions.TimeDomain;

/**
 * One live timer as a checkpoint keeps it (see {@link InternalTimerService#snapshot}): its time
 * domain, time, key and namespace.
 */
public record TimerEntry(TimeDomain domain, long timestamp, Object key, Object namespace) {}
