package dev.runnel.api;

import dev.runnel.api.annotation.Public;

/**
 * A key and a value computed for it, as emitted by the rolling aggregations of {@link
 * KeyedStream} ({@code count()}, {@code sum(...)}).
 */
@Public
public record KeyedValue<K, V>(K key, V value) {}
