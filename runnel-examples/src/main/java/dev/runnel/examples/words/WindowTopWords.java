package dev.runnel.examples.words;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The words of one window: {@code {"window_start","window_end","total_events","top_words"}}, the
 * bounds as ISO-8601 instants in UTC (start included, end excluded), {@code top_words} the most
 * frequent words, most frequent first.
 */
@JsonPropertyOrder({"window_start", "window_end", "total_events", "top_words"})
public record WindowTopWords(
    @JsonProperty("window_start") String windowStart,
    @JsonProperty("window_end") String windowEnd,
    @JsonProperty("total_events") long totalEvents,
    @JsonProperty("top_words") List<WordCount> topWords) {}
