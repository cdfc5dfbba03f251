package io.ringfence.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Colleagues among the demo users. */
final class DemoPeople implements People {
    private final UserDetailsService users;

    DemoPeople(UserDetailsService users) {
        this.users = users;
    }

    @Override
    public Optional<Set<String>> rolesOf(String username) {
        try {
            return Optional.of(users.loadUserByUsername(username).getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority).map(a -> a.replaceFirst("^ROLE_", ""))
                    .collect(Collectors.toUnmodifiableSet()));
        } catch (UsernameNotFoundException e) {
            return Optional.empty();
        }
    }
}
