package dev.runnel.connector.file;

import java.io.IOException;

/**
 * Turns a record into one line of an output file, without the terminator. Shared by the sink's
 * writers, so it must be thread-safe.
 *
 * @param <T> record type
 */
@FunctionalInterface
interface LineEncoder<T> {
  String encode(T record) throws IOException;
}
