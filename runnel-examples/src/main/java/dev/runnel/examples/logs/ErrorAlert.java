package dev.runnel.examples.logs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An ERROR that brought the number of ERRORs in the window up to the threshold or beyond:
 * {@code {"id","timestamp","errors_in_window"}}, with the id as given in the input and the
 * timestamp as an ISO-8601 instant in UTC.
 */
@JsonPropertyOrder({"id", "timestamp", "errors_in_window"})
public record ErrorAlert(
    @JsonProperty("id") JsonNode id,
    @JsonProperty("timestamp") String timestamp,
    @JsonProperty("errors_in_window") long errorsInWindow) {}
