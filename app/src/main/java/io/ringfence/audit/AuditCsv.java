package io.ringfence.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Audit entries as CSV (RFC 4180). A cell that a spreadsheet would run as a formula (it starts with
 * {@code = + - @}, a tab or a carriage return) gets a leading apostrophe, as OWASP recommends: exports are opened
 * by people, and the data comes partly from outside (caller ids, sender names). One exception keeps the export
 * readable: a cell that is nothing but a number, an E.164 subscriber number ({@code +447700900001}) or a signed
 * decimal ({@code -12.50}), stays as it is. A spreadsheet reads such a cell as a number and runs nothing, while
 * {@code +1+cmd|' /C calc'!A0}, which also starts with a plus and a digit, is not a number and is escaped.
 */
final class AuditCsv {
    private static final List<String> COLUMNS = List.of("recorded_at", "chain_day", "chain_seq", "kind", "decision_id",
            "actor", "action", "emitted", "suppressed_by", "target_kind", "target_value", "typology", "subscriber",
            "case_id", "alert_ids", "event_ids", "rule_set_version", "decision_model", "decision_model_version", "model",
            "model_version", "hash", "content");

    private AuditCsv() {
    }

    static void header(Writer out) throws IOException {
        out.write(String.join(",", COLUMNS));
        out.write("\r\n");
    }

    static void row(Writer out, AuditQueries.Entry e) throws IOException {
        Object[] cells = {e.recordedAt(), e.chainDay(), e.chainSeq(), e.kind(), e.decisionId(), e.actor(), e.action(),
                e.emitted(), e.suppressedBy(), e.targetKind(), e.targetValue(), e.typology(), e.subscriber(), e.caseId(),
                join(e.alertIds()), join(e.eventIds()), e.ruleSetVersion(), e.decisionModel(), e.decisionModelVersion(),
                e.model(), e.modelVersion(), e.hash(), e.content() == null ? null
                : e.content().isTextual() ? e.content().asText() : e.content().toString()};
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            if (cells[i] != null) {
                out.write(cell(cells[i].toString()));
            }
        }
        out.write("\r\n");
    }

    static String cell(String s) {
        if (formulaLike(s)) {
            s = "'" + s;
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static final java.util.regex.Pattern PLAIN_NUMBER = java.util.regex.Pattern.compile("[+-][0-9]{1,15}(\\.[0-9]{1,15})?");

    static boolean formulaLike(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        if (c == '=' || c == '@' || c == '\t' || c == '\r') {
            return true;
        }
        return (c == '+' || c == '-') && !PLAIN_NUMBER.matcher(s).matches();
    }

    private static String join(List<String> items) {
        return items == null ? null : String.join(" ", items);
    }
}
