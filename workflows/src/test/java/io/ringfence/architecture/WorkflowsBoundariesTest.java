package io.ringfence.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The case process's decisions (refund route, triage outcomes) are plain Java the BPMN calls, testable alone. */
class WorkflowsBoundariesTest {
    private static final JavaClasses WORKFLOWS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ringfence.workflows");

    @Test
    void importedTheModule() {
        assertThat(WORKFLOWS.stream().map(JavaClass::getSimpleName)).contains("RefundRoute");
    }

    @Test
    void noFrameworksOrInfrastructure() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "jakarta.persistence..", "java.sql..", "org.kie..", "org.jbpm..")
                .check(WORKFLOWS);
    }
}
