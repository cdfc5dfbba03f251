package io.ringfence.stream;

import io.ringfence.startup.StartupRefused;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ringfence.stream.floor} stores events without detection: only the load harness may set it, on servers of its
 * own under the demo profile. Anywhere else the service refuses to start rather than run blind.
 */
class FloorOnlyForTheHarnessTest {

    @Test
    void theFloorIsRefusedOutsideTheDemoProfile() {
        for (String profile : new String[]{"prod", "default"}) {
            MockEnvironment env = new MockEnvironment();
            env.setActiveProfiles(profile);
            assertThatThrownBy(() -> processor(true, env)).as(profile).isInstanceOf(StartupRefused.class)
                    .hasMessageContaining("ringfence.stream.floor");
        }
    }

    @Test
    void theHarnessMaySetItAndNobodyElseNeedsTo() {
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        assertThatCode(() -> processor(true, demo)).doesNotThrowAnyException();
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        assertThatCode(() -> processor(false, prod)).doesNotThrowAnyException();
    }

    private static StreamProcessor processor(boolean floor, MockEnvironment env) {
        // Nothing is started: the constructor only checks its settings.
        return new StreamProcessor(null, null, null, null, null, null, null, null, null, null, null, 1, floor, "auto", java.time.Duration.ofMinutes(1), env);
    }
}
