package io.ringfence.screening;

import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hot-list changes as the maker-checker flow sees them: checked when submitted, applied only once a
 * second person approved them. The body of a REPLACE or ADD is the import CSV ({@code value,note});
 * the body of a REMOVE is the one value.
 */
@Component
public class HotListEdits {
    public enum Operation { REPLACE, ADD, REMOVE }

    /** Why a submitted edit cannot be applied; {@code line} is the CSV line at fault, or 0. */
    public record Refusal(int status, String title, String detail, Map<String, Object> properties) {
    }

    private final HotLists hotLists;

    HotListEdits(HotLists hotLists) {
        this.hotLists = hotLists;
    }

    public static List<String> listIds() {
        return Arrays.stream(HotList.values()).map(HotList::id).toList();
    }

    /** @return null when the edit can be applied as it stands */
    public Refusal check(String listId, Operation op, String body) {
        Optional<HotList> list = HotList.byId(listId);
        if (list.isEmpty()) {
            return new Refusal(404, "No such hot list", "'" + listId + "' is not a hot list; the lists are "
                    + String.join(", ", listIds()), Map.of());
        }
        if (op == Operation.REMOVE) {
            String invalid = list.get().invalid(body == null ? "" : body);
            if (invalid != null) {
                return new Refusal(400, "Invalid hot list value", invalid, Map.of());
            }
            return hotLists.contains(list.get(), body) ? null
                    : new Refusal(404, "Not on the list", "'" + body + "' is not on " + listId, Map.of());
        }
        HotListCsv.Result parsed = HotListCsv.parse(list.get(), body == null ? "" : body);
        return parsed.ok() ? null : new Refusal(400, "Invalid hot list CSV",
                "line " + parsed.badLine() + ": " + parsed.reason() + " (nothing was submitted)",
                Map.of("line", parsed.badLine()));
    }

    /** The lists of whole numbers that hold {@code value} now, with each entry's note (a subject-access export). */
    public List<Map<String, String>> entriesFor(String value) {
        return Arrays.stream(HotList.values()).filter(l -> l.match() == HotList.Match.NUMBER)
                .filter(l -> hotLists.contains(l, value))
                .map(l -> Map.of("list", l.id(), "note", hotLists.note(l, value))).toList();
    }

    /** How many entries the edit carries (1 for a removal), for the reviewer's summary. */
    public int size(String listId, Operation op, String body) {
        if (op == Operation.REMOVE) {
            return 1;
        }
        return HotListCsv.parse(HotList.byId(listId).orElseThrow(), body).entries().size();
    }

    /**
     * Applies an edit {@link #check} accepted. Each operation is idempotent, so applying an approved
     * edit again (after a failed commit) leaves the same list.
     */
    public void apply(String listId, Operation op, String body) {
        HotList list = HotList.byId(listId).orElseThrow(() -> new IllegalArgumentException("no hot list " + listId));
        switch (op) {
            case REPLACE -> hotLists.replace(list, HotListCsv.parse(list, body).entries());
            case ADD -> hotLists.add(list, HotListCsv.parse(list, body).entries());
            case REMOVE -> hotLists.remove(list, body);
        }
    }
}
