package io.ringfence.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metric names the operations files use (the chart's alert rules and Grafana dashboards, in
 * helm/ringfence/files), to hold against a real scrape: a renamed meter would otherwise leave an alert
 * that can never fire and a dashboard panel that is silently empty.
 */
final class MonitoredMetrics {
    static final Path FILES = Path.of("..", "helm", "ringfence", "files");
    private static final Pattern NAME =
            Pattern.compile("\\b(?:ringfence|kafka|jvm|process|system|hikaricp|http_server|executor|tomcat)_[a-z0-9_]+\\b");

    private MonitoredMetrics() {
    }

    /** Every metric name in the rules and dashboards. */
    static Set<String> used() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> dashboards = Files.list(FILES.resolve("dashboards"))) {
            for (Path f : Stream.concat(Stream.of(FILES.resolve("ringfence-alerts.yaml")), dashboards).toList()) {
                Matcher m = NAME.matcher(Files.readString(f));
                while (m.find()) {
                    names.add(m.group());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The names of {@link #used()} that the scrape has no series of. */
    static List<String> missingFrom(String scrape) {
        Set<String> present = new TreeSet<>();
        scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .forEach(l -> present.add(l.split("[{ ]", 2)[0]));
        return used().stream().filter(n -> !present.contains(n)).toList();
    }
}
