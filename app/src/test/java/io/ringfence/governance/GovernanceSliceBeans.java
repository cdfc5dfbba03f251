package io.ringfence.governance;

import io.ringfence.decision.DmnScenarios;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The live scenarios for {@code io.ringfence.security.ApiSlice}: the shipped ones, as before any change went live. */
@TestConfiguration(proxyBeanMethods = false)
public class GovernanceSliceBeans {
    @Bean
    TableScenarios tableScenarios() {
        return new TableScenarios(DmnScenarios.shipped());
    }
}
