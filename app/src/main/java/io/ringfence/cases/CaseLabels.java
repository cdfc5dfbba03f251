package io.ringfence.cases;

import io.ringfence.output.LabelJson;
import io.ringfence.simulator.Label;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Handlers' verdicts as training labels, in the format the simulator writes and {@code replay --labels}
 * and model training read: confirmed fraud is FRAUD, a false positive is a LOOKALIKE (legitimate traffic
 * that looked like fraud), over the span of the evidence.
 */
@Component
class CaseLabels {
    private final CaseStore store;
    private final JdbcTemplate jdbc;

    CaseLabels(CaseStore store, JdbcTemplate jdbc) {
        this.store = store;
        this.jdbc = jdbc;
    }

    String export(Instant closedAfter, int limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (FraudCase c : store.labelled(closedAfter, limit)) {
            long[] span = span(c);
            Label l = new Label("case-" + c.caseId(), "CONFIRMED_FRAUD".equals(c.outcome()) ? Label.FRAUD : Label.LOOKALIKE,
                    c.typology(), c.targetKind(), c.targetValue(), c.subscriber(), span[0], span[1]);
            try {
                LabelJson.writeLine(l, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** From the first evidence event to the decision (or the case's opening when there is none). */
    private long[] span(FraudCase c) {
        long end = c.openedAt().toEpochMilli();
        long start = end;
        if (c.decisionId() != null) {
            List<Timestamp[]> rows = jdbc.query("SELECT min(h.event_time), max(h.event_time) FROM audit_entry a"
                            + " JOIN event_history h ON h.event_id = ANY (a.event_ids) AND h.subscriber = a.subscriber"
                            + " WHERE a.decision_id = ? AND a.entry_kind = 'DECISION'",
                    (rs, i) -> new Timestamp[]{rs.getTimestamp(1), rs.getTimestamp(2)}, c.decisionId());
            if (!rows.isEmpty() && rows.get(0)[0] != null) {
                start = rows.get(0)[0].getTime();
                end = rows.get(0)[1].getTime();
            }
        }
        return new long[]{start, end};
    }
}
