package io.ringfence.detection;

import io.ringfence.contract.Target;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Analysts' rules build Subjects, the contract writes Targets: a kind added to one must be added to the other. */
class SubjectTest {
    @Test
    void theKindsAreTheContracts() {
        assertThat(Arrays.stream(Subject.Kind.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(Target.Kind.values()).map(Enum::name).toList());
    }

    @Test
    void aSubjectIsWrittenAsItsTarget() {
        assertThat(Subject.gt("33612000000").target()).isEqualTo(new Target(Target.Kind.GT, "33612000000"));
        assertThat(Subject.sender("PROMO").target().toString()).isEqualTo(Subject.sender("PROMO").toString());
    }
}
