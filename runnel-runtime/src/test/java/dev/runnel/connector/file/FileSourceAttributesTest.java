package dev.runnel.connector.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code FileSource.jsonLines(path, type, attributes)}: settings of one source for a decoder. */
class FileSourceAttributesTest {
  @TempDir Path dir;

  /** A name read from the JSON field that the source's "field" attribute names. */
  @JsonDeserialize(using = NameDecoder.class)
  record Name(String value) {}

  static final class NameDecoder extends StdDeserializer<Name> {
    private static final long serialVersionUID = 1L;

    NameDecoder() {
      super(Name.class);
    }

    @Override
    public Name deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode json = p.readValueAsTree();
      Object field = ctxt.getAttribute("field");
      return new Name(json.path(field == null ? "name" : (String) field).asText());
    }
  }

  @Test
  void when_sourceHasAttributes_then_itsDecoderSeesThemAndAnotherSourceDoesNot()
      throws Exception {
    Path file = Files.writeString(dir.resolve("in.jsonl"),
        "{\"name\":\"Ada\",\"nickname\":\"A\"}\n{\"name\":\"Lin\",\"nickname\":\"L\"}\n");

    RecordingOutput<Name> withAttribute = SourceDriver.readAll(
        FileSource.jsonLines(file, Name.class, Map.of("field", "nickname")).build());
    RecordingOutput<Name> without =
        SourceDriver.readAll(FileSource.jsonLines(file, Name.class).build());

    assertThat(withAttribute.records).containsExactly(new Name("A"), new Name("L"));
    assertThat(without.records).containsExactly(new Name("Ada"), new Name("Lin"));
  }
}
