package io.ringfence.screening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a hot-list import: a {@code value,note} header, then one entry a line. A note may be quoted
 * ("...", with "" for a quote) to hold commas. Blank lines and '#' comments are skipped. The whole
 * body is checked before anything is written, so a bad line rejects the import with its line number.
 */
final class HotListCsv {
    static final int MAX_NOTE = 200;

    record Entry(String value, String note) {}

    /** Either the entries (a later duplicate value replaces an earlier one) or the first bad line. */
    record Result(List<Entry> entries, int badLine, String reason) {
        boolean ok() {
            return reason == null;
        }
    }

    private HotListCsv() {
    }

    static Result parse(HotList list, String body) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        String[] lines = body.split("\r?\n", -1);
        boolean header = false;
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!line.replace(" ", "").equals("value,note")) {
                    return bad(n, "the header must be 'value,note', found '" + line + "'");
                }
                header = true;
                continue;
            }
            int comma = line.indexOf(',');
            if (comma < 0) {
                return bad(n, "expected 'value,note', found no comma");
            }
            String value = line.substring(0, comma).strip();
            String note = note(line.substring(comma + 1).strip());
            if (note == null) {
                return bad(n, "the note has an unbalanced quote or text after its closing quote");
            }
            if (note.length() > MAX_NOTE) {
                return bad(n, "the note is longer than " + MAX_NOTE + " characters");
            }
            String invalid = list.invalid(value);
            if (invalid != null) {
                return bad(n, invalid);
            }
            entries.put(value, new Entry(value, note));
        }
        if (!header) {
            return bad(1, "the body is empty: it needs at least the header 'value,note'");
        }
        return new Result(List.copyOf(new ArrayList<>(entries.values())), 0, null);
    }

    /** The note without its quotes, or null when the quoting is broken. */
    private static String note(String raw) {
        if (!raw.startsWith("\"")) {
            return raw.contains("\"") ? null : raw;
        }
        if (raw.length() < 2 || !raw.endsWith("\"")) {
            return null;
        }
        String inner = raw.substring(1, raw.length() - 1);
        if (inner.replace("\"\"", "").contains("\"")) {
            return null;
        }
        return inner.replace("\"\"", "\"");
    }

    private static Result bad(int line, String reason) {
        return new Result(List.of(), line, reason);
    }
}
