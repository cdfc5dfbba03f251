package io.ringfence.governance;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The upload's part 'restate': names of live scenarios, one per line, as a scenario file writes them. */
final class RestatedNames {
    /** As many as a scenario file may hold. */
    static final int MAX_NAMES = 2000;

    private RestatedNames() {
    }

    static List<String> read(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("the names of the scenarios to restate are not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            // A byte-order mark, as Windows editors write it: not part of the first name.
            text = text.substring(1);
        }
        Set<String> names = new LinkedHashSet<>();
        List<String> repeated = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !names.add(name)) {
                repeated.add(name);
            }
        }
        if (!repeated.isEmpty()) {
            throw invalid("a scenario is named twice in 'restate': " + repeated);
        }
        if (names.size() > MAX_NAMES) {
            throw invalid("'restate' names " + names.size() + " scenarios; at most " + MAX_NAMES);
        }
        return List.copyOf(names);
    }

    private static ChangeRejected invalid(String detail) {
        return new ChangeRejected(400, "Invalid decision model upload", detail, List.of(), Map.of("field", "restate"));
    }
}
