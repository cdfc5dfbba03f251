package io.ringfence.governance;

import java.util.List;
import java.util.Map;

/** A refused request, with the HTTP status and the reasons an analyst can act on (compiler messages...). */
public class ChangeRejected extends RuntimeException {
    final int status;
    final String title;
    final List<String> errors;
    final Map<String, Object> properties;

    public ChangeRejected(int status, String title, String detail) {
        this(status, title, detail, List.of(), Map.of());
    }

    public ChangeRejected(int status, String title, String detail, List<String> errors, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.properties = Map.copyOf(properties);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<String> errors() {
        return errors;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
