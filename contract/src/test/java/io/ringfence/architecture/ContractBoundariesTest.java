package io.ringfence.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract is the bottom of the module graph: every other module reads and writes its types, so it
 * may know only the JDK and Jackson, never detection, decisions or a framework.
 */
class ContractBoundariesTest {
    private static final JavaClasses CONTRACT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.ringfence");

    @Test
    void importedTheModule() {
        assertThat(CONTRACT.stream().map(c -> c.getPackageName()).distinct())
                .containsExactlyInAnyOrder("io.ringfence.contract", "io.ringfence.event", "io.ringfence.ingest",
                        "io.ringfence.label");
    }

    @Test
    void dependsOnTheJdkAndJacksonOnly() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..",
                        "io.ringfence.contract..", "io.ringfence.event..", "io.ringfence.ingest..",
                        "io.ringfence.label..")
                .check(CONTRACT);
    }
}
