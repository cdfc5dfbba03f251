package io.ringfence.screening;

import io.ringfence.contract.Action;
import io.ringfence.contract.Decision;
import io.ringfence.detection.Subject;

import java.util.List;

/** Block decisions for tests. */
final class Decisions {
    private Decisions() {
    }

    static Decision block(String id, Action action, Subject target, long decidedAtMillis, long expiresAtMillis) {
        return new Decision(id, List.of("alert-" + id), action, target.target(), "IRSF", 1, expiresAtMillis, null, false,
                null, null, target.value(), decidedAtMillis, "disposition", "1", null, null, null);
    }
}
