package dev.runnel.connector.file;

/** Each line is the record itself; never rejects a line, and keeps blank ones. */
final class TextLineDecoder implements LineDecoder<String> {
  static final TextLineDecoder INSTANCE = new TextLineDecoder();

  private TextLineDecoder() {}

  @Override
  public String decode(String line) {
    return line;
  }

  @Override
  public boolean skipsBlankLines() {
    return false;
  }
}
