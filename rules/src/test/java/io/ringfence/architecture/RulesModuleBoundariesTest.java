package io.ringfence.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The detection core stays framework-free, so replay, backtests and the service share it unchanged. */
class RulesModuleBoundariesTest {
    private static final JavaClasses RULES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ringfence");

    @Test
    void importedTheModule() {
        assertThat(RULES.stream().map(c -> c.getPackageName()).distinct())
                .contains("io.ringfence.event", "io.ringfence.detection", "io.ringfence.pipeline");
    }

    @Test
    void noFrameworksOrInfrastructure() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "jakarta.persistence..", "java.sql..",
                        "io.lettuce..", "redis..")
                .check(RULES);
    }

    @Test
    void domainModelDoesNotKnowTheEngine() {
        noClasses().that().resideInAnyPackage("io.ringfence.event..", "io.ringfence.reference..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..")
                .check(RULES);
    }
}
