package io.ringfence.cases;

import io.ringfence.workflows.FraudCase;
import io.ringfence.audit.StoredEvidence;
import io.ringfence.label.Label;
import io.ringfence.label.LabelJson;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Handlers' verdicts as training labels, in the format the simulator writes and {@code replay --labels}
 * and model training read: confirmed fraud is FRAUD, a false positive is a LOOKALIKE (legitimate traffic
 * that looked like fraud), over the span of the evidence.
 */
@Component
public class CaseLabels {
    private final CaseStore store;
    private final StoredEvidence evidence;

    CaseLabels(CaseStore store, StoredEvidence evidence) {
        this.store = store;
        this.evidence = evidence;
    }

    String export(Instant closedAfter, int limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Label l : verdicts(closedAfter, limit)) {
            try {
                LabelJson.writeLine(l, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The verdicts of the cases closed since {@code closedAfter} (oldest first, at most {@code limit}). */
    public List<Label> verdicts(Instant closedAfter, int limit) {
        List<Label> out = new ArrayList<>();
        for (FraudCase c : store.labelled(closedAfter, limit)) {
            long[] span = span(c);
            out.add(new Label("case-" + c.caseId(), "CONFIRMED_FRAUD".equals(c.outcome()) ? Label.FRAUD : Label.LOOKALIKE,
                    c.typology(), c.targetKind(), c.targetValue(), c.subscriber(), span[0], span[1]));
        }
        return out;
    }

    /** From the first evidence event to the decision (or the case's opening when there is none). */
    private long[] span(FraudCase c) {
        long end = c.openedAt().toEpochMilli();
        long start = end;
        if (c.decisionId() != null) {
            var cited = evidence.citedEventSpan(c.decisionId());
            if (cited.isPresent()) {
                start = cited.get().first().toEpochMilli();
                end = cited.get().last().toEpochMilli();
            }
        }
        return new long[]{start, end};
    }
}
