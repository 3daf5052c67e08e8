package dev.runnel.nexmark.queries;

import java.io.Serializable;

/** A result of {@link Q2}: a bid's auction and price. */
public record Q2Result(long auction, long price) implements Serializable {
}
