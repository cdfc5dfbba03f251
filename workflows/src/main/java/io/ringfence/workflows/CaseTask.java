package io.ringfence.workflows;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user task of a case, as the task list shows it (Kogito's own copy disappears when it completes). */
public record CaseTask(String taskId, UUID caseId, String name, String status, List<String> groups, String owner,
                       List<String> excluded, Instant createdAt, Instant dueAt, Instant escalatedAt,
                       Instant completedAt, String completedBy) {

    public boolean open() {
        return completedAt == null && !"Completed".equals(status) && !"Obsolete".equals(status);
    }

    /** May {@code user} with {@code roles} see and claim it: an owner, or a member of one of its groups, not excluded. */
    public boolean availableTo(String user, List<String> roles) {
        if (excluded.contains(user)) {
            return false;
        }
        if (owner != null) {
            return owner.equals(user);
        }
        return groups.stream().anyMatch(roles::contains);
    }
}
