package dev.paved.core;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The packages of this module depend on each other one way: no cycle among them. */
class PackageCyclesTest {

  @Test
  void thePackagesOfThisModuleHaveNoCycle() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.paved.core");
    slices().matching("dev.paved.core.(*)..").should().beFreeOfCycles().check(classes);
  }
}
