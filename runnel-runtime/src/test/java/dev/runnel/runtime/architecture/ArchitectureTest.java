package dev.runnel.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.runnel.api.annotation.Internal;
import dev.runnel.api.annotation.Public;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layering honest: the API that users compile against never reaches into the runtime,
 * and every public API type says whether users may rely on it.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.runnel");
  }

  @Test
  void apiDoesNotDependOnRuntime() {
    noClasses().that().resideInAPackage("dev.runnel.api..")
        .should().dependOnClassesThat().resideInAPackage("dev.runnel.runtime..")
        .check(classes);
  }

  @Test
  void apiDoesNotDependOnConnectorImplementations() {
    noClasses().that().resideInAPackage("dev.runnel.api..")
        .should().dependOnClassesThat().resideInAPackage("dev.runnel.connector..")
        .check(classes);
  }

  @Test
  void publicApiTypesCarryAStabilityMarker() {
    classes().that().resideInAPackage("dev.runnel.api..")
        .and().arePublic().and().areTopLevelClasses()
        .and().areNotAnnotations()
        .should().beAnnotatedWith(Public.class).orShould().beAnnotatedWith(Internal.class)
        .check(classes);
  }

  @Test
  void apiInternalsAreMarkedInternal() {
    classes().that().resideInAPackage("dev.runnel.api.internal..")
        .and().arePublic().and().areTopLevelClasses()
        .should().beAnnotatedWith(Internal.class)
        .check(classes);
  }
}
