package dev.runnel.api.eventtime;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.functions.Function;

/**
 * Creates the {@link WatermarkGenerator} of one subtask.
 *
 * @param <T> element type
 */
@Public
@FunctionalInterface
public interface WatermarkGeneratorSupplier<T> extends Function {
  WatermarkGenerator<T> createWatermarkGenerator();
}
