package io.ringfence.detection.sandbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClassNamesTest {

    @Test
    void aNestedClassIsAllowedWhenItsOuterClassIs() {
        assertThat(ClassNames.allowed("java.util.Map$Entry")).isTrue();
        assertThat(ClassNames.allowed("io.ringfence.event.TelecomEvent$Common")).isTrue();
        assertThat(ClassNames.allowed("java.lang.ProcessBuilder$Redirect")).isFalse();
    }

    @Test
    void anAllowedPackageDoesNotAllowItsSubpackages() {
        assertThat(ClassNames.allowed("java.time.Instant")).isTrue();
        assertThat(ClassNames.allowed("java.time.zone.ZoneRules")).isFalse();
        assertThat(ClassNames.allowed("java.util.concurrent.Executors")).isFalse();
    }

    @Test
    void declaredTypesAreAllowedAndTheRestOfTheApplicationIsNot() {
        assertThat(ClassNames.allowed("io.ringfence.rules.Watch")).isTrue();
        assertThat(ClassNames.allowed("io.ringfence.detection.Subject")).isTrue();
        assertThat(ClassNames.allowed("io.ringfence.detection.RuleSetCompiler")).isFalse();
    }

    @Test
    void existenceIsAskedOfTheClassPathWithoutLoading() {
        ClassNames names = new ClassNames(getClass().getClassLoader());
        assertThat(names.exists("java.lang.System")).isTrue();
        assertThat(names.exists("java.util.Map$Entry")).isTrue();
        assertThat(names.exists("enrichment.bInfo")).isFalse();
    }
}
