package dev.runnel.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.StreamEnvironment;
import dev.runnel.examples.JobField.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldMappingTest {
  private static final List<JobField> FIELDS = List.of(
      JobField.required("customer_id", Type.STRING, "who").alsoReadFrom("user_id"),
      JobField.required("amount", Type.DECIMAL, "how much"));

  @Test
  void when_specsAreNameEqualsSource_then_eachNameIsReadFromItsSource() {
    FieldMapping mapping =
        FieldMapping.parse(List.of("customer_id=client", " amount = price "), FIELDS, "job");

    assertThat(mapping.sourceOf("customer_id")).isEqualTo("client");
    assertThat(mapping.sourceOf("amount")).isEqualTo("price");
    assertThat(mapping.isEmpty()).isFalse();
  }

  @Test
  void when_noSpecs_then_mappingIsNone() {
    assertThat(FieldMapping.parse(List.of(), FIELDS, "job")).isSameAs(FieldMapping.NONE);
    assertThat(FieldMapping.NONE.sourceOf("amount")).isNull();
  }

  @Test
  void when_sourceContainsEquals_then_onlyTheFirstEqualsSplits() {
    assertThat(FieldMapping.parse(List.of("amount=a=b"), FIELDS, "job").sourceOf("amount"))
        .isEqualTo("a=b");
  }

  @Test
  void when_nameIsAnAlias_then_itIsNotAJobField() {
    assertThatThrownBy(() -> FieldMapping.parse(List.of("user_id=client"), FIELDS, "job"))
        .isInstanceOf(JobArgumentException.class)
        .hasMessage("invalid value 'user_id=client' for option --field: job 'job' has no input "
            + "field 'user_id' (its fields: customer_id, amount)");
  }

  @Test
  void when_specLacksEqualsOrAPart_then_itIsRejected() {
    for (String spec : List.of("amount", "amount=", "=price", "=")) {
      assertThatThrownBy(() -> FieldMapping.parse(List.of(spec), FIELDS, "job"))
          .isInstanceOf(JobArgumentException.class)
          .hasMessageContaining("expected NAME=SOURCE");
    }
  }

  @Test
  void when_jobArgumentsGetAMapping_then_theyKeepItWithTheRate() {
    PackagedJob job = new PackagedJob() {
      @Override
      public String name() {
        return "job";
      }

      @Override
      public String description() {
        return "a job";
      }

      @Override
      public List<JobOption> options() {
        return List.of();
      }

      @Override
      public List<JobField> inputFields() {
        return FIELDS;
      }

      @Override
      public void build(StreamEnvironment env, JobArguments args) {}
    };
    JobArguments args = JobArguments.of(job, Path.of("in"), Path.of("out"), 1, Map.of())
        .withFieldMapping(List.of("amount=price"))
        .withRate(10);

    assertThat(args.fieldMapping().sourceOf("amount")).isEqualTo("price");
    assertThat(args.rate()).hasValue(10);
  }
}
