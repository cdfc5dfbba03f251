package io.ringfence.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator writes traffic as the network would: contract events and their labels. It may not know the
 * rules it is used to test, or the scenario tests would be written against the detector's own view.
 */
class SimulatorBoundariesTest {
    private static final JavaClasses SIMULATOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.ringfence");

    @Test
    void importedTheModule() {
        assertThat(SIMULATOR.stream().map(c -> c.getPackageName()).distinct())
                .containsExactly("io.ringfence.simulator");
    }

    @Test
    void knowsTheContractAndTheJdkOnly() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.ringfence.simulator..",
                        "io.ringfence.event..", "io.ringfence.label..")
                .check(SIMULATOR);
    }
}
