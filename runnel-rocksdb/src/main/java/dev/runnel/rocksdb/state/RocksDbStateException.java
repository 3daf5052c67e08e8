package dev.runnel.rocksdb.state;

/** A RocksDB operation failed: the database reported an error, or a file could not be written. */
public final class RocksDbStateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RocksDbStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
