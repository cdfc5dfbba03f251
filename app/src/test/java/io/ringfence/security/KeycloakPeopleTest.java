package io.ringfence.security;

import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Colleagues' roles read from the realm through the directory client of the shipped realm, on a real Keycloak. */
class KeycloakPeopleTest {

    private static KeycloakPeople people(String clientId, String secret) {
        KeycloakServer keycloak = KeycloakServer.get();
        return new KeycloakPeople(new OidcProperties(keycloak.issuer(KeycloakServer.REALM), null, Duration.ZERO,
                clientId, secret), RestClient.create());
    }

    @Test
    void aColleaguesRealmRolesAreFound() {
        KeycloakPeople people = people("ringfence-api", "ringfence-api-demo-secret");

        assertThat(people.rolesOf("supervisor1")).hasValueSatisfying(
                roles -> assertThat(roles).contains("case-handler", "supervisor").doesNotContain("admin"));
        assertThat(people.rolesOf("handler2")).hasValueSatisfying(roles -> assertThat(roles).contains("case-handler")
                .doesNotContain("supervisor"));
        assertThat(people.rolesOf("nobody-of-that-name")).isEmpty();
    }

    @Test
    void withoutTheDirectoryClientTheLookupSaysWhatToSet() {
        assertThatThrownBy(() -> people(null, null).rolesOf("handler1"))
                .hasMessageContaining("ringfence.security.oidc.directory-client-id");
        assertThatThrownBy(() -> people("ringfence-api", "wrong-secret").rolesOf("handler1"))
                .isInstanceOf(IllegalStateException.class);
    }
}
