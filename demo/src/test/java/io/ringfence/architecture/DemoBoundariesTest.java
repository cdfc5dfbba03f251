package io.ringfence.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo adds packages of its own beside the service's (none shared: a split package would hide
 * which jar a class comes from), and the harness and the feeder do not depend on each other.
 */
class DemoBoundariesTest {
    private static final JavaClasses DEMO = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void theDemoOwnsItsPackagesAlone() {
        Set<String> own = Set.of("io.ringfence.simulation", "io.ringfence.loadtest");
        assertThat(DEMO.stream().map(JavaClass::getPackageName).distinct()).containsExactlyInAnyOrderElementsOf(own);
        for (String pkg : own) {
            assertThat(getClass().getClassLoader().resources(pkg.replace('.', '/'))
                    .filter(root -> !root.toString().contains("test-classes")).count())
                    .as("class path roots holding " + pkg).isEqualTo(1);
        }
    }

    @Test
    void noCycles() {
        slices().matching("io.ringfence.(*)..").should().beFreeOfCycles().check(DEMO);
    }
}
