package io.ringfence.security;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoOnlyOnItsOwnServersTest {
    private static MockEnvironment external() {
        return new MockEnvironment()
                .withProperty("ringfence.kafka.bootstrap-servers", "kafka-1:9092")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/ringfence?password=secret");
    }

    @Test
    void demoSignInOnExternalServersIsRefusedWithoutLeakingTheUrlsParameters() {
        assertThatThrownBy(() -> DemoOnlyOnItsOwnServers.check(external()))
                .hasMessageContaining("(Kafka kafka-1:9092, jdbc:postgresql://db/ringfence)")
                .hasMessageNotContaining("secret");
    }

    @Test
    void theFeederIsOffOnExternalServersUnlessAskedForWhichIsRefused() {
        MockEnvironment oidc = external().withProperty("ringfence.security.mode", "oidc");
        DemoOnlyOnItsOwnServers.check(oidc);
        assertThat(oidc.getProperty("ringfence.demo.enabled")).isEqualTo("false");

        MockEnvironment asked = external().withProperty("ringfence.security.mode", "oidc")
                .withProperty("ringfence.demo.enabled", "true");
        assertThatThrownBy(() -> DemoOnlyOnItsOwnServers.check(asked))
                .hasMessageContaining("ringfence.demo.enabled=true would write simulated traffic");
    }

    @Test
    void theEmbeddedServersOrTheDemoProfileAllowTheDemo() {
        MockEnvironment embedded = external();
        embedded.getPropertySources().addFirst(new MapPropertySource("ringfence-embedded-servers", Map.of()));
        assertThatCode(() -> DemoOnlyOnItsOwnServers.check(embedded)).doesNotThrowAnyException();
        assertThat(embedded.getProperty("ringfence.demo.enabled")).isNull();

        MockEnvironment demo = external();
        demo.setActiveProfiles("demo");
        assertThatCode(() -> DemoOnlyOnItsOwnServers.check(demo)).doesNotThrowAnyException();
        assertThat(demo.getProperty("ringfence.demo.enabled")).isNull();
    }
}
