package io.ringfence.detection.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Policy violations as analysts read them: the file, the rule (or import, function...), the reason. */
final class Violations {
    private final Set<String> messages = new LinkedHashSet<>();
    private String file = "";
    private String where = "";

    void file(String file) {
        this.file = file;
        this.where = "";
    }

    void at(String where) {
        this.where = where;
    }

    void add(String problem) {
        messages.add(file + (where.isEmpty() ? "" : " " + where) + ": " + problem);
    }

    List<String> list() {
        return new ArrayList<>(messages);
    }
}
