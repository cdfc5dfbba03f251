package io.ringfence.governance;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The signed-in person a change or review is recorded against; identity never comes from the request body. */
final class Reviewer {
    private Reviewer() {
    }

    static String current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null || !a.isAuthenticated() || a.getName() == null) {
            throw new ChangeRejected(401, "Unauthorized", "sign in to submit or review changes");
        }
        return a.getName();
    }
}
