package io.ringfence.governance;

import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.screening.HotListEdits;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The screening API's {@code irsf-test} list was seeded from the reference lists' IRSF test numbers, so that a switch
 * refuses a call the rules would alert on. When a reference-data change goes live (approved or rolled back to), the
 * numbers it adds and removes become hot-list edits of {@code irsf-test}, approved with it and applied to Redis like
 * any approved edit (retried while Redis is away). Not when the operator keeps that list apart
 * ({@code ringfence.screening.seed-reference-lists=off}).
 */
@Component
class ScreeningFollowsReference {
    static final String LIST = "irsf-test";

    private final ReferenceDataRepository reference;
    private final boolean follows;

    ScreeningFollowsReference(ReferenceDataRepository reference,
                              @Value("${ringfence.screening.seed-reference-lists:if-absent}") String seed) {
        this.reference = reference;
        this.follows = !"off".equals(seed);
    }

    /**
     * The edits that take {@code irsf-test} from the lists in force on this instance to {@code next}, as approved
     * changes of {@code author}'s (to be reviewed by the approver in the same transaction); empty when nothing differs.
     */
    List<AssetChange> edits(ReferenceVersion next, String author, Instant at) {
        if (!follows) {
            return List.of();
        }
        Set<String> before = reference.current().irsfTestNumbers();
        Set<String> after = next.data().irsfTestNumbers();
        String why = "follows reference data " + next.data().version();
        List<AssetChange> edits = new ArrayList<>();
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        if (!added.isEmpty()) {
            StringBuilder csv = new StringBuilder("value,note\n");
            added.forEach(n -> csv.append(n).append(",reference data ").append(next.data().version().replace(",", " ")).append('\n'));
            edits.add(edit(HotListEdits.Operation.ADD, csv.toString(), why, author, at));
        }
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(after);
        removed.forEach(n -> edits.add(edit(HotListEdits.Operation.REMOVE, n, why, author, at)));
        return edits;
    }

    private static AssetChange edit(HotListEdits.Operation op, String text, String why, String author, Instant at) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        return new AssetChange(UUID.randomUUID(), AssetKind.HOT_LIST, LIST, op.name(), null, why, content,
                ChangeService.sha256(content), AssetChange.Status.APPROVED, author, at, null, null, null, null);
    }
}
