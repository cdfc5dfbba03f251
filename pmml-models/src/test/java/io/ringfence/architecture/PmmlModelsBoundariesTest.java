package io.ringfence.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Training libraries are optional dependencies: the app that scores never has them on its classpath,
 * so features and scoring must not touch them (a NoClassDefFoundError would surface in production).
 */
class PmmlModelsBoundariesTest {
    private static final JavaClasses MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ringfence.features", "io.ringfence.scoring", "io.ringfence.training");

    @Test
    void featuresAndScoringNeedNoTrainingLibrary() {
        noClasses().that().resideInAnyPackage("io.ringfence.features..", "io.ringfence.scoring..")
                .should().dependOnClassesThat().resideInAnyPackage("ml.dmlc..", "org.jpmml.xgboost..",
                        "org.jpmml.converter..", "io.ringfence.training..")
                .check(MODULE);
    }

    @Test
    void noFrameworksOrInfrastructure() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "jakarta.persistence..", "java.sql..")
                .check(MODULE);
    }
}
