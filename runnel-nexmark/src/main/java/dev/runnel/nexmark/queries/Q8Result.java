package dev.runnel.nexmark.queries;

import java.io.Serializable;

/** A result of {@link Q8}: a person who opened an auction in the window they registered in. */
public record Q8Result(long id, String name, long windowStart) implements Serializable {
}
