package io.ringfence.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Colleagues in the Keycloak realm, asked through its admin API with the directory client's own
 * service account (client credentials; it needs the realm-management role {@code view-users}). Only
 * task delegation asks, so nothing is cached: a role taken away counts at once.
 */
final class KeycloakPeople implements People {
    private final OidcProperties oidc;
    private final RestClient http;
    private final String admin;

    KeycloakPeople(OidcProperties oidc, RestClient http) {
        this.oidc = oidc;
        this.http = http;
        // Keycloak serves a realm at .../realms/{realm} and its admin API at .../admin/realms/{realm}.
        int at = oidc.issuerUri().lastIndexOf("/realms/");
        this.admin = at < 0 ? null : oidc.issuerUri().substring(0, at) + "/admin" + oidc.issuerUri().substring(at);
    }

    @Override
    public Optional<Set<String>> rolesOf(String username) {
        if (admin == null || blank(oidc.directoryClientId()) || blank(oidc.directoryClientSecret())) {
            throw new IllegalStateException("colleagues' roles cannot be looked up: set ringfence.security.oidc."
                    + "directory-client-id and directory-client-secret (a Keycloak client allowed to view users)");
        }
        try {
            String token = "Bearer " + token();
            JsonNode found = http.get().uri(admin + "/users?exact=true&username={u}", username)
                    .header("Authorization", token).retrieve().body(JsonNode.class);
            if (found == null || found.isEmpty() || !found.get(0).path("enabled").asBoolean(false)) {
                return Optional.empty();
            }
            JsonNode roles = http.get().uri(admin + "/users/{id}/role-mappings/realm/composite", found.get(0).path("id").asText())
                    .header("Authorization", token).retrieve().body(JsonNode.class);
            Set<String> names = new HashSet<>();
            if (roles != null) {
                roles.forEach(r -> names.add(r.path("name").asText()));
            }
            return Optional.of(Set.copyOf(names));
        } catch (RestClientException e) {
            throw new IllegalStateException("the identity provider did not answer who " + username + " is: " + e.getMessage(), e);
        }
    }

    private String token() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", oidc.directoryClientId());
        form.add("client_secret", oidc.directoryClientSecret());
        JsonNode t = http.post().uri(oidc.issuerUri() + "/protocol/openid-connect/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(JsonNode.class);
        if (t == null || t.path("access_token").asText().isEmpty()) {
            throw new IllegalStateException("the identity provider gave the directory client no token");
        }
        return t.path("access_token").asText();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
