package dev.runnel.examples.words;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One entry of a window's top words: {@code {"word","count"}}. */
@JsonPropertyOrder({"word", "count"})
public record WordCount(@JsonProperty("word") String word, @JsonProperty("count") long count) {}
