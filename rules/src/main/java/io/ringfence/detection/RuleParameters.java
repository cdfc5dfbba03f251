package io.ringfence.detection;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The analysts' tuning knobs: every threshold and window of the rules, by name, in one file
 * ({@code io/ringfence/rules/parameters.properties}). DRL refers to them as {@code ${name}}; a duration
 * such as {@code 30m} is also available in milliseconds as {@code ${name.ms}}. A DRL placeholder with
 * no parameter fails the build of the rule set, so a typo cannot silently become a literal.
 */
public final class RuleParameters {
    public static final String DEFAULT_RESOURCE = "io/ringfence/rules/parameters.properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /**
     * Each window and the retention of the events it slides over. Retention is a hard bound, so a
     * window longer than it would silently see less than it says.
     */
    static final Map<String, String> WINDOW_RETENTION = Map.ofEntries(
            Map.entry("wangiri.window", "retention.voice"), Map.entry("irsf.window", "retention.voice"),
            Map.entry("irsf.testWindow", "retention.voice"), Map.entry("simbox.window", "retention.voice"),
            Map.entry("roaming.window", "retention.voice"), Map.entry("subscription.window", "retention.voice"),
            Map.entry("callforward.window", "retention.voice"), Map.entry("smspumping.window", "retention.sms"),
            Map.entry("simswap.window", "retention.sms"), Map.entry("pbx.bruteForceWindow", "retention.sip"),
            Map.entry("ss7.scanWindow", "retention.signaling"),
            Map.entry("subscription.newAccount", "retention.subscription"));

    private final Map<String, String> values;

    private RuleParameters(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static RuleParameters defaults() {
        try (InputStream in = RuleParameters.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is not on the classpath");
            }
            return of(read(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /** The defaults, with the given file's values on top (an operator's local tuning). */
    public static RuleParameters defaultsWith(Path overrides) throws IOException {
        Map<String, String> merged = new TreeMap<>(defaults().values);
        try (Reader r = Files.newBufferedReader(overrides, StandardCharsets.UTF_8)) {
            Map<String, String> extra = read(r);
            for (String k : extra.keySet()) {
                if (!merged.containsKey(k)) {
                    throw new IllegalArgumentException(overrides + ": unknown parameter '" + k + "'");
                }
            }
            merged.putAll(extra);
        }
        return of(merged);
    }

    public static RuleParameters of(Map<String, String> values) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getValue().isBlank()) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' is empty");
            }
        }
        return new RuleParameters(values);
    }

    public RuleParameters with(String name, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(name, value);
        return of(copy);
    }

    public String get(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("unknown rule parameter '" + name + "'");
        }
        return v;
    }

    public long millis(String name) {
        return toMillis(name, get(name));
    }

    /** Windows longer than the retention of their events, as messages; empty when all fit. */
    public java.util.List<String> windowProblems() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(WINDOW_RETENTION).entrySet()) {
            if (values.containsKey(e.getKey()) && values.containsKey(e.getValue())
                    && millis(e.getKey()) > millis(e.getValue())) {
                out.add("parameter " + e.getKey() + " (" + get(e.getKey()) + ") is longer than " + e.getValue()
                        + " (" + get(e.getValue()) + "): the window would see only what is retained");
            }
        }
        return out;
    }

    /**
     * Values read at run time rather than substituted into DRL (the anomaly watch's), checked when a rule set is
     * compiled: a bad one must be refused at upload, not stop a partition when its pipeline is built.
     */
    public java.util.List<String> runtimeProblems() {
        java.util.List<String> out = new java.util.ArrayList<>();
        String enabled = values.get("anomaly.enabled");
        if (enabled != null && !enabled.equals("true") && !enabled.equals("false")) {
            out.add("parameter anomaly.enabled must be true or false (found '" + enabled + "')");
        }
        String min = values.get("anomaly.minScore");
        if (min != null) {
            try {
                double v = Double.parseDouble(min);
                if (!(v >= 0 && v <= 1)) {
                    out.add("parameter anomaly.minScore must be within 0 and 1 (found " + min + ")");
                }
            } catch (NumberFormatException e) {
                out.add("parameter anomaly.minScore must be a number within 0 and 1 (found '" + min + "')");
            }
        }
        if (values.containsKey("anomaly.interval")) {
            try {
                if (millis("anomaly.interval") <= 0) {
                    out.add("parameter anomaly.interval must be positive");
                }
            } catch (IllegalArgumentException e) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    public Map<String, String> asMap() {
        return new TreeMap<>(values);
    }

    /** Replaces every {@code ${name}} in the DRL text; fails naming the first unknown placeholder. */
    public String substitute(String source, String drlText) {
        Matcher m = PLACEHOLDER.matcher(drlText);
        StringBuilder out = new StringBuilder(drlText.length());
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (values.containsKey(name)) {
                value = values.get(name);
            } else if (name.endsWith(".ms") && values.containsKey(name.substring(0, name.length() - 3))) {
                value = Long.toString(millis(name.substring(0, name.length() - 3)));
            } else {
                throw new IllegalArgumentException(source + ": unknown rule parameter '${" + name + "}'");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static long toMillis(String name, String value) {
        Matcher d = DURATION.matcher(value.trim());
        if (!d.matches()) {
            throw new IllegalArgumentException("parameter '" + name + "' is not a duration like 30m: " + value);
        }
        long n = Long.parseLong(d.group(1));
        return switch (d.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 86_400_000;
        };
    }

    private static Map<String, String> read(Reader r) throws IOException {
        Properties p = new Properties();
        p.load(r);
        Map<String, String> out = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            out.put(k, p.getProperty(k).trim());
        }
        return out;
    }
}
