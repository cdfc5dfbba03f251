package io.ringfence.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The decide stage is shared by replay, the service and backtests: it must stay free of frameworks
 * and infrastructure, and the upload gate must not lean on the engine it protects.
 */
class DecisionModelsBoundariesTest {
    private static final JavaClasses MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ringfence.decision");

    @Test
    void noFrameworksOrInfrastructure() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "jakarta.persistence..", "java.sql..",
                        "io.ringfence.training..")
                .check(MODULE);
    }

    @Test
    void theUploadGateParsesWithTheJdkAloneBeforeTheEngineSeesAFile() {
        noClasses().that().resideInAPackage("io.ringfence.decision.dmn..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..")
                .check(MODULE);
    }
}
