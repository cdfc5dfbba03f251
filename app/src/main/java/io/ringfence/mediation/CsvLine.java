package io.ringfence.mediation;

import java.util.ArrayList;
import java.util.List;

/**
 * One CSV record of one line, as mediation platforms write CDRs: fields separated by a delimiter,
 * optionally in double quotes with {@code ""} for a quote inside. A record never spans lines: CDR
 * fields hold no line breaks, and a line per record lets a bad line be rejected alone.
 */
final class CsvLine {
    private CsvLine() {
    }

    /** The fields, or null when a quote is left open. */
    static List<String> split(String line, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(field.toString());
        return fields;
    }
}
