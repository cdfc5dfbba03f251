package io.ringfence.security;

import org.kie.kogito.auth.IdentityProvider;
import org.kie.kogito.auth.IdentityProviders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;

/**
 * The authenticated person, as the case API and Kogito see them: the principal's name and its roles
 * (without Spring's {@code ROLE_} prefix), which double as the task groups.
 */
public record CurrentUser(String name, List<String> roles) {

    public static CurrentUser get() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null || !a.isAuthenticated() || a.getName() == null) {
            throw new IllegalStateException("no authenticated user");
        }
        List<String> roles = a.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .map(r -> r.startsWith("ROLE_") ? r.substring(5) : r).toList();
        return new CurrentUser(a.getName(), roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public IdentityProvider identity() {
        return IdentityProviders.of(name, roles);
    }
}
