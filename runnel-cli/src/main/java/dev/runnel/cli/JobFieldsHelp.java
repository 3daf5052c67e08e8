package dev.runnel.cli;

import dev.runnel.examples.JobField;
import dev.runnel.examples.PackagedJob;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The sections of {@code runnel run JOB --help} that list the job's input and output fields, from
 * {@link PackagedJob#inputFields()} and {@link PackagedJob#outputFields()}: one row per field with
 * its name, type, whether it is required and what it is, wrapped to the usage width.
 */
final class JobFieldsHelp {
  static final String INPUT_SECTION = "inputFields";
  static final String OUTPUT_SECTION = "outputFields";

  private JobFieldsHelp() {}

  /** Adds the field sections to {@code commandLine}'s help, before its footer. */
  static void addTo(CommandLine commandLine, PackagedJob job) {
    List<String> keys = new ArrayList<>(commandLine.getHelpSectionKeys());
    int footer = keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING);
    keys.addAll(footer < 0 ? keys.size() : footer, List.of(INPUT_SECTION, OUTPUT_SECTION));
    commandLine.setHelpSectionKeys(keys);
    int width = commandLine.getCommandSpec().usageMessage().width();
    commandLine.getHelpSectionMap().put(INPUT_SECTION, help -> section(
        "Input fields (one JSON object per line; other fields are ignored; "
            + "--field NAME=SOURCE reads NAME from the input's field SOURCE):",
        job.inputFields(), "required", "optional", width));
    commandLine.getHelpSectionMap().put(OUTPUT_SECTION, help -> section(
        "Output fields (one JSON object per line, in this order):",
        job.outputFields(), "always", "optional", width));
  }

  /** The heading and one row per field; empty if there are no fields. */
  static String section(String heading, List<JobField> fields, String required, String optional,
      int width) {
    if (fields.isEmpty()) {
      return "";
    }
    int nameWidth = 0;
    int typeWidth = 0;
    for (JobField field : fields) {
      nameWidth = Math.max(nameWidth, field.name().length());
      typeWidth = Math.max(typeWidth, field.type().label().length());
    }
    int requiredWidth = Math.max(required.length(), optional.length());
    int descriptionColumn = 2 + nameWidth + 2 + typeWidth + 2 + requiredWidth + 2;
    StringBuilder text = new StringBuilder().append('\n');
    wrap(text, heading, 0, width);
    for (JobField field : fields) {
      String description = field.aliases().isEmpty() ? field.description()
          : field.description() + "; also read from " + String.join(", ", field.aliases());
      String row = "  " + pad(field.name(), nameWidth) + "  " + pad(field.type().label(), typeWidth)
          + "  " + pad(field.required() ? required : optional, requiredWidth) + "  " + description;
      wrap(text, row, descriptionColumn, width);
    }
    return text.toString();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }

  /** Appends {@code line}, broken at spaces to fit {@code width}, continuations indented. */
  private static void wrap(StringBuilder text, String line, int indent, int width) {
    String rest = line;
    boolean first = true;
    while (true) {
      String prefix = first ? "" : " ".repeat(indent);
      int room = Math.max(20, width - prefix.length());
      if (rest.length() <= room) {
        text.append(prefix).append(rest).append('\n');
        return;
      }
      int cut = rest.lastIndexOf(' ', room);
      if (cut <= (first ? indent : 0)) {
        cut = rest.indexOf(' ', room);
        if (cut < 0) {
          text.append(prefix).append(rest).append('\n');
          return;
        }
      }
      text.append(prefix).append(rest, 0, cut).append('\n');
      rest = rest.substring(cut + 1).stripLeading();
      first = false;
    }
  }
}
