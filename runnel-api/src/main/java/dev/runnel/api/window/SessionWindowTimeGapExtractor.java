package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.time.Duration;

/**
 * Gives each element its own session gap, for {@link EventTimeSessionWindows#withDynamicGap}.
 *
 * <pre>{@code
 * EventTimeSessionWindows.withDynamicGap(click -> click.isMobile()
 *     ? Duration.ofMinutes(5) : Duration.ofMinutes(30))
 * }</pre>
 *
 * @param <T> element type
 */
@Public
@FunctionalInterface
public interface SessionWindowTimeGapExtractor<T> extends Serializable {
  /** The gap after {@code element}; must be positive. */
  Duration extract(T element);
}
