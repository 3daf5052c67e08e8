package dev.runnel.runtime.checkpoint;

/**
 * A file of a checkpoint folder, with what it must contain: its length and CRC-32. A checkpoint
 * whose files do not match is damaged and is not restored.
 *
 * @param name the path relative to the checkpoint folder, with {@code /} as separator
 */
public record StateFile(String name, long length, long crc32) {}
