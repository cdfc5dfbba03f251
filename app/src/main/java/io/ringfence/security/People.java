package io.ringfence.security;

import java.util.Optional;
import java.util.Set;

/** Other people's roles, for acts that name a colleague (handing a task on). */
public interface People {
    /** @return the person's roles (without {@code ROLE_}), or empty when there is no such person */
    Optional<Set<String>> rolesOf(String username);
}
