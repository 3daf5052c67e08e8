package dev.runnel.test;

import dev.runnel.api.annotation.Public;

/**
 * A value and its event timestamp in epoch milliseconds, or {@code null} when it has none; what
 * {@link OneInputOperatorHarness#outputWithTimestamps()} records.
 *
 * <pre>{@code
 * assertThat(harness.outputWithTimestamps())
 *     .containsExactly(new TimestampedValue<>("A", 1000L), new TimestampedValue<>("B", null));
 * }</pre>
 *
 * @param <T> value type
 */
@Public
public record TimestampedValue<T>(T value, Long timestamp) {}
