package dev.runnel.nexmark.queries;

import java.io.Serializable;

/** A result of {@link Q3}: the seller's name, city and state, and the auction's id. */
public record Q3Result(String name, String city, String state, long auction)
    implements Serializable {
}
