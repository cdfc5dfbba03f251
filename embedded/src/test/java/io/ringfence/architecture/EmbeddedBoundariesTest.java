package io.ringfence.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The embedded servers know nothing of Ringfence: they are infrastructure the demo and tests plug in. */
class EmbeddedBoundariesTest {
    private static final JavaClasses EMBEDDED = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ringfence");

    @Test
    void importedTheModule() {
        assertThat(EMBEDDED.stream().map(JavaClass::getSimpleName)).contains("EmbeddedServers");
    }

    @Test
    void dependsOnNoOtherRingfencePackage() {
        noClasses().should().dependOnClassesThat(resideInAPackage("io.ringfence..")
                        .and(not(resideInAPackage("io.ringfence.embedded.."))))
                .check(EMBEDDED);
    }
}
