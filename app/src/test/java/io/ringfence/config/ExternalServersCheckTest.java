package io.ringfence.config;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExternalServersCheckTest {
    @Test
    void theServiceWithoutServersSaysWhatIsMissingAndWhereTheDemoIs() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/ringfence");

        assertThatThrownBy(() -> ExternalServersCheck.check(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ringfence.kafka.bootstrap-servers, spring.data.redis.host")
                .hasMessageNotContaining("spring.datasource.url")
                .hasMessageContaining("app/target/ringfence.jar");
    }

    @Test
    void configuredServersPass() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("ringfence.kafka.bootstrap-servers", "kafka:9092")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/ringfence")
                .withProperty("spring.data.redis.host", "redis");

        assertThatCode(() -> ExternalServersCheck.check(env)).doesNotThrowAnyException();
    }
}
