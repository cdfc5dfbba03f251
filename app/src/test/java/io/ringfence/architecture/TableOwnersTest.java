package io.ringfence.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One owner per table: the SQL that names a table is written in its owner's package and nowhere else,
 * so the rules about a table (who wins a race on a block, what a case row means) are stated once.
 * Reads the service's sources, because SQL is text that no class-file rule can see.
 */
class TableOwnersTest {
    /** Table to the package (under io/ringfence/) that alone may name it in SQL. */
    private static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("active_block", "blocks"),
            Map.entry("asset_change", "governance"),
            Map.entry("backtest", "backtest"),
            Map.entry("backtest_difference", "backtest"),
            Map.entry("asset_live", "governance"),
            Map.entry("asset_shadow", "governance"),
            Map.entry("shadow_decision", "audit"),
            Map.entry("fraud_case", "cases"),
            Map.entry("case_task", "cases"),
            Map.entry("case_history", "cases"),
            Map.entry("outbox", "outbox"),
            Map.entry("outbox_published", "outbox"),
            Map.entry("outbox_sent_ahead", "outbox"),
            Map.entry("event_history", "audit"),
            Map.entry("alert_record", "audit"),
            Map.entry("audit_entry", "audit"),
            Map.entry("ingest_file", "mediation"));


    private static final Path SOURCES = Path.of("src", "main", "java", "io", "ringfence");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");

    @Test
    void onlyTheOwnerWritesSqlNamingItsTable() throws IOException {
        Map<String, TreeSet<String>> strangers = new TreeMap<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(SOURCES)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                String pkg = SOURCES.relativize(file).getName(0).toString();
                String code = Files.readString(file);
                Matcher m = STRING_LITERAL.matcher(code);
                while (m.find()) {
                    for (Map.Entry<String, String> owner : OWNERS.entrySet()) {
                        if (!owner.getValue().equals(pkg) && names(m.group(), owner.getKey())) {
                            strangers.computeIfAbsent(owner.getKey(), t -> new TreeSet<>())
                                    .add(SOURCES.relativize(file).toString());
                        }
                    }
                }
            }
        }
        assertThat(files).as("read the service's sources").isGreaterThan(100);
        assertThat(strangers).as("tables named in SQL outside their owner's package").isEmpty();
    }

    @Test
    void theCheckSeesATableInAStringLiteralButNotInAComment() {
        assertThat(names("\"SELECT decision_id FROM active_block WHERE action = ?\"", "active_block")).isTrue();
        assertThat(names("\"SELECT 1 FROM active_blocks\"", "active_block")).isFalse();
        assertThat(names("\"UPDATE outbox SET sent = true\"", "outbox")).isTrue();
        assertThat(names("\"DELETE FROM outbox\"", "outbox")).isTrue();
        assertThat(names("\"ringfence-outbox\"", "outbox")).as("a thread's name").isFalse();
        assertThat(STRING_LITERAL.matcher("// rewritten from active_block at the next start").find()).isFalse();
        assertThat(List.of("\"a\\\"b\"").stream().allMatch(s -> STRING_LITERAL.matcher(s).matches())).isTrue();
    }

    /** The table after a keyword that names one in SQL; a thread or metric named after it is not SQL. */
    private static boolean names(String literal, String table) {
        return Pattern.compile("(?i)\\b(from|into|update|join|table|exists)\\s+" + table + "\\b").matcher(literal).find();
    }
}
