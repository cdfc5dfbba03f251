package io.ringfence.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A Keycloak access token as a caller: named by {@code preferred_username} (the name handlers know
 * each other by, which the case history and maker-checker record and compare; required), with the realm roles of {@code realm_access.roles}
 * as {@code ROLE_} authorities. Scopes grant nothing here: roles decide.
 */
final class KeycloakTokens implements Converter<Jwt, AbstractAuthenticationToken> {

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String name = jwt.getClaimAsString("preferred_username");
        if (name == null || name.isBlank()) {
            // Four eyes compares names: a caller known by its subject id here and by its user name elsewhere
            // would count as two people, so a token without the user name signs no one in.
            throw new InvalidBearerTokenException("the access token carries no preferred_username");
        }
        return new JwtAuthenticationToken(jwt, roles(jwt), name);
    }

    static List<GrantedAuthority> roles(Jwt jwt) {
        Map<String, Object> realm = jwt.getClaimAsMap("realm_access");
        if (realm == null || !(realm.get("roles") instanceof Collection<?> roles)) {
            return List.of();
        }
        return roles.stream().map(String::valueOf).map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r))
                .toList();
    }
}
