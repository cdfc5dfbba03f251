package io.ringfence.cases;

import io.ringfence.workflows.FraudCase;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who an action is recorded against: the signed-in person whose request caused it, else the service. */
final class Actor {
    static final String SERVICE = FraudCase.SERVICE;

    private Actor() {
    }

    static String current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.isAuthenticated() && a.getName() != null ? a.getName() : SERVICE;
    }

    /** Kogito's own name for the engine acting alone. */
    static String of(String kogitoUser) {
        return kogitoUser == null || kogitoUser.isBlank() || "WORKFLOW_ENGINE_USER".equals(kogitoUser)
                ? SERVICE : kogitoUser;
    }
}
