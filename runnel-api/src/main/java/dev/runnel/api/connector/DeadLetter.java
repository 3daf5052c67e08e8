package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;

/**
 * An input record a connector could not turn into a value, with where it came from and why.
 * Connectors emit these to a side output instead of dropping the record or failing the job,
 * when the job asks for it.
 *
 * @param source where the record was read (a file path, a topic-partition)
 * @param position its position there (a 1-based line number, an offset)
 * @param reason why it was rejected
 * @param raw the record as read, as text
 */
@Public
public record DeadLetter(String source, long position, String reason, String raw) {}
