package io.ringfence.logging;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudonymKeySetupTest {
    private final PseudonymKeySetup setup = new PseudonymKeySetup();

    private static StandardEnvironment env(Map<String, Object> properties, String... profiles) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", properties));
        env.setActiveProfiles(profiles);
        return env;
    }

    @Test
    void theConfiguredKeyPseudonymisesTheLogs() {
        setup.postProcessEnvironment(env(Map.of(LogPseudonyms.KEY_PROPERTY, "key from the configuration")),
                new SpringApplication());

        assertThat(LogPseudonyms.apply("line +447700900123"))
                .isEqualTo("line " + Pseudonymiser.ofKey("key from the configuration").pseudonym("+447700900123"));
    }

    @Test
    void theProdProfileRefusesToStartWithoutAKey() {
        assertThatThrownBy(() -> setup.postProcessEnvironment(env(Map.of(), "prod"), new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("prod profile needs ringfence.logging.pseudonym-key");
    }

    @Test
    void aShortKeyIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> setup.postProcessEnvironment(env(Map.of(LogPseudonyms.KEY_PROPERTY, "short-secret")),
                new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 16 characters")
                .hasMessageNotContaining("short-secret");
    }
}
