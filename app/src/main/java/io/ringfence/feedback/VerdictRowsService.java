package io.ringfence.feedback;

import io.ringfence.audit.EventHistoryReader;
import io.ringfence.cases.CaseLabels;
import io.ringfence.features.FeatureSchema;
import io.ringfence.governance.LiveRuleSet;
import io.ringfence.ingest.EventParser;
import io.ringfence.ingest.ParseResult;
import io.ringfence.label.Label;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.training.VerdictRows;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The verdicts' rows: the cases closed since a given time, their lines' stored history read in event-time order
 * from a week before the first verdict (the features' longest baseline), through the live enrich stage and
 * reference tables, as the stream saw it.
 */
@Service
class VerdictRowsService {
    /** The most history one request reads: a request over more is refused, not left to run for hours. */
    static final Duration MAX_HISTORY = Duration.ofDays(62);
    /** The most rows one answer holds (a row per verdict and hour of its incident): beyond, the request is refused. */
    static final int MAX_ROWS = 200_000;
    private static final int FETCH_SIZE = 2000;

    private final CaseLabels labels;
    private final EventHistoryReader history;
    private final LiveRuleSet rules;
    private final ReferenceDataRepository reference;

    VerdictRowsService(CaseLabels labels, EventHistoryReader history, LiveRuleSet rules, ReferenceDataRepository reference) {
        this.labels = labels;
        this.history = history;
        this.rules = rules;
        this.reference = reference;
    }

    /** One row of the answer: what a verdict says about its line's traffic at one moment. */
    record Row(String caseRef, String typology, boolean fraud, Instant at, double[] features) {
    }

    /**
     * The answer.
     *
     * @param cases   the verdicts read
     * @param skipped verdicts that gave no row, by reason
     * @param events  stored events read, of which {@code eventsPassedOver} could not be read or enriched
     */
    record Rows(String featureSchema, List<String> features, int cases, List<Row> rows, Map<String, Integer> skipped,
                Instant historyFrom, Instant historyTo, long events, long eventsPassedOver) {
    }

    Rows rows(Instant closedAfter, int limit) {
        List<Label> verdicts = labels.verdicts(closedAfter, limit);
        VerdictRows rows = new VerdictRows(verdicts,
                ReferenceDataRepository.fixed(reference.current(), reference.files()), rules.current().parameters());
        Long first = rows.firstRowMillis();
        if (first == null) {
            return new Rows(FeatureSchema.VERSION, FeatureSchema.NAMES, verdicts.size(), List.of(), rows.skipped(),
                    null, null, 0, 0);
        }
        if (rows.rowsDue() > MAX_ROWS) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the verdicts since " + closedAfter + " give "
                    + rows.rowsDue() + " rows; at most " + MAX_ROWS + " in one request: ask with a later closedAfter or a "
                    + "smaller limit");
        }
        Instant from = Instant.ofEpochMilli(first).minus(VerdictRows.lookback());
        Instant to = Instant.ofEpochMilli(rows.lastRowMillis()).plusMillis(1);
        if (Duration.between(from, to).compareTo(MAX_HISTORY) > 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the verdicts since " + closedAfter + " span "
                    + Duration.between(from, to).toDays() + " days of history with the week before them; at most "
                    + MAX_HISTORY.toDays() + " in one request: ask with a later closedAfter or a smaller limit");
        }
        EventParser parser = new EventParser();
        long[] passedOver = new long[1];
        history.inEventTimeOrder(from, to, FETCH_SIZE, (millis, payload) -> {
            if (parser.parse(payload) instanceof ParseResult.Accepted a) {
                rows.observe(a.event());
            } else {
                passedOver[0]++;
            }
            return true;
        });
        List<Row> out = rows.finish().stream()
                .map(r -> new Row(r.incidentId(), r.typology(), r.fraud(), Instant.ofEpochMilli(r.atMillis()), r.features()))
                .toList();
        return new Rows(FeatureSchema.VERSION, FeatureSchema.NAMES, verdicts.size(), out, rows.skipped(), from, to,
                rows.events() + passedOver[0], passedOver[0] + rows.refusedByEnrichment());
    }
}
