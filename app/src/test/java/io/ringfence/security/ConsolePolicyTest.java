package io.ringfence.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsolePolicyTest {
    @Test
    void withOidcTheConsoleMayCallTheIssuersOriginAndNothingElse() {
        String policy = ConsolePolicy.of("https://login.example.net:8443/realms/ringfence", List.of());

        assertThat(policy).contains("connect-src 'self' https://login.example.net:8443;")
                .contains("script-src 'self';").doesNotContain("/realms");
    }

    @Test
    void anIssuerThatIsNoAbsoluteUrlIsRefused() {
        assertThatThrownBy(() -> ConsolePolicy.origin("login/realms/x")).hasMessageContaining("not an absolute URL");
    }
}
