package io.ringfence.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.audit.AuditTrail;
import io.ringfence.audit.SubjectRecords;
import io.ringfence.backtest.BacktestRetention;
import io.ringfence.blocks.SubjectBlocks;
import io.ringfence.cases.CaseRetention;
import io.ringfence.governance.HotListRetention;
import io.ringfence.screening.HotListEdits;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A subscriber's rights over what Ringfence holds about them (GDPR articles 15 and 17), for the
 * compliance officer who answers the request (docs/privacy.md). Both are audited with who asked and
 * when; the audit entry names the number by its keyed pseudonym, not in clear.
 */
@Service
public class SubjectAccess {
    static final String EXPORTED = "SUBJECT_ACCESS_EXPORT";
    static final String ERASED = "SUBJECT_ERASURE";

    private final JdbcTemplate jdbc;
    private final HotListEdits hotLists;
    private final AuditTrail trail;
    private final StorePseudonyms pseudonyms;
    private final PersonalRetentionProperties retention;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();

    SubjectAccess(JdbcTemplate jdbc, HotListEdits hotLists, AuditTrail trail, StorePseudonyms pseudonyms,
                  PersonalRetentionProperties retention, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.hotLists = hotLists;
        this.trail = trail;
        this.pseudonyms = pseudonyms;
        this.retention = retention;
        this.mapper = mapper;
    }

    /**
     * Everything held about the number. Read committed, not one snapshot: the audit entry locks the
     * day's chain head, which the stream updates all the time, and a repeatable-read transaction would
     * then fail on a concurrent update under load.
     */
    @Transactional
    public Map<String, Object> export(String number, String actor) {
        Instant now = clock.instant();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("subject", number);
        doc.put("exportedAt", now);
        doc.put("exportedBy", actor);
        doc.put("events", embedJson(SubjectRecords.events(jdbc, number), "payload"));
        doc.put("alerts", embedJson(SubjectRecords.alerts(jdbc, number), "payload"));
        doc.put("decisions", embedJson(SubjectRecords.decisions(jdbc, number), "payload"));
        List<Map<String, Object>> cases = embedJson(CaseRetention.about(jdbc, number), "decision_json");
        for (Map<String, Object> c : cases) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> history = (List<Map<String, Object>>) c.get("history");
            c.put("history", embedJson(history, "detail"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> tasks = (List<Map<String, Object>>) c.get("tasks");
            c.put("tasks", plain(tasks));
        }
        doc.put("cases", cases);
        doc.put("blocks", plain(SubjectBlocks.inForce(jdbc, number)));
        doc.put("hotListEntries", hotLists.entriesFor(number));
        doc.put("hotListChanges", plain(HotListRetention.changesNaming(jdbc, number)));
        doc.put("backtestDifferences", plain(BacktestRetention.about(jdbc, number)));
        doc.put("shadowDecisions", plain(io.ringfence.audit.ShadowDecisionLog.about(jdbc, number)));
        Map<String, Object> counts = new LinkedHashMap<>();
        for (String part : List.of("events", "alerts", "decisions", "cases", "blocks", "hotListEntries", "hotListChanges",
                "backtestDifferences", "shadowDecisions")) {
            counts.put(part, ((List<?>) doc.get(part)).size());
        }
        audit(EXPORTED, number, actor, counts, now);
        return doc;
    }

    /** What was erased, and what was kept and why. */
    public record Erasure(String subject, Map<String, Integer> erased, List<Kept> kept) {
    }

    public record Kept(String what, long count, String why) {
    }

    /**
     * Erases what the law lets go: events and alerts deleted, closed cases pseudonymised. An open case
     * or one under legal hold about the number is kept with its evidence (the number's events, and the
     * alerts it cites); the audit trail, blocks in force and hot-list entries are kept for the reasons
     * the answer gives.
     */
    @Transactional
    public Erasure erase(String number, String actor) {
        Instant now = clock.instant();
        List<Kept> kept = new ArrayList<>();
        Map<String, Integer> erased = new LinkedHashMap<>();
        List<CaseRetention.Kept> keptCases = CaseRetention.keptFor(jdbc, number);
        for (CaseRetention.Kept c : keptCases) {
            kept.add(new Kept("case " + c.caseId(), 1, "the case is " + c.why()
                    + (c.why().equals("open") ? ": it is still being worked" : ": a supervisor or compliance officer set it")));
        }
        if (keptCases.isEmpty()) {
            erased.put("events", SubjectRecords.deleteEvents(jdbc, number));
        } else {
            long events = SubjectRecords.events(jdbc, number).size();
            if (events > 0) {
                kept.add(new Kept("events", events, "evidence of a case that is open or under legal hold; "
                        + "ask again once it is closed and released, or they go after ringfence.retention.events"));
            }
        }
        List<String> citedByKeptCases = new ArrayList<>(CaseRetention.alertIdsKept(jdbc));
        erased.put("alerts", SubjectRecords.deleteAlerts(jdbc, number, citedByKeptCases));
        erased.put("shadowDecisions", io.ringfence.audit.ShadowDecisionLog.deleteAbout(jdbc, number));
        long alertsLeft = SubjectRecords.alerts(jdbc, number).size();
        if (alertsLeft > 0) {
            kept.add(new Kept("alerts", alertsLeft, "cited by a case that is open or under legal hold"));
        }
        erased.put("casesPseudonymised", CaseRetention.pseudonymiseAbout(jdbc, number, now, pseudonyms::of));
        erased.put("backtestDifferencesPseudonymised", BacktestRetention.pseudonymiseAbout(jdbc, number, pseudonyms::of));
        long decisions = SubjectRecords.decisions(jdbc, number).size();
        if (decisions > 0) {
            kept.add(new Kept("audit trail entries", decisions, "the hash-chained record of decisions and of who acted "
                    + "on them, kept to show the service acted lawfully (a legal obligation); removed by whole days "
                    + "under ringfence.retention.audit"));
        }
        long blocks = SubjectBlocks.inForce(jdbc, number).size();
        if (blocks > 0) {
            kept.add(new Kept("blocks in force", blocks, "fraud prevention in force until each block expires or a "
                    + "supervisor lifts it through its case"));
        }
        long listed = hotLists.entriesFor(number).size();
        if (listed > 0) {
            kept.add(new Kept("hot-list entries", listed, "a list change needs a second person: submit a REMOVE "
                    + "through the hot-list changes for approval"));
        }
        long changes = HotListRetention.changesNaming(jdbc, number).size();
        if (changes > 0) {
            kept.add(new Kept("hot-list edits naming the number", changes, "the record of approved list changes; "
                    + "emptied after ringfence.retention.hot-list-changes (" + retention.hotListChanges() + ")"));
        }
        Map<String, Object> detail = new LinkedHashMap<>(erased);
        detail.put("kept", kept.stream().map(k -> k.what() + " (" + k.count() + ")").toList());
        audit(ERASED, number, actor, detail, now);
        return new Erasure(number, erased, kept);
    }

    private void audit(String action, String number, String actor, Map<String, Object> counts, Instant now) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("subject", pseudonyms.of(number));
        detail.putAll(counts);
        try {
            trail.recordAction(new AuditTrail.ActionSubject("privacy-" + UUID.randomUUID(), null, null, null, null, null),
                    actor, action, mapper.writeValueAsString(detail), now.toEpochMilli());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the audit detail", e);
        }
    }

    /** SQL arrays as lists and timestamps as instants: values JSON shows as they are (a driver's array would not). */
    private static List<Map<String, Object>> plain(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> r = new LinkedHashMap<>();
            row.forEach((k, v) -> r.put(k, plain(v)));
            out.add(r);
        }
        return out;
    }

    private static Object plain(Object v) {
        try {
            if (v instanceof java.sql.Array a) {
                return java.util.Arrays.asList((Object[]) a.getArray());
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read an array column", e);
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return v;
    }

    /** Stored JSON text shown as JSON, not as a string of escaped JSON; text that does not parse stays text. */
    private List<Map<String, Object>> embedJson(List<Map<String, Object>> rows, String column) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> row : plain(rows)) {
            Map<String, Object> r = new LinkedHashMap<>(row);
            if (r.get(column) instanceof String s) {
                try {
                    r.put(column, mapper.readTree(s));
                } catch (JsonProcessingException e) {
                    // kept as the text it is
                }
            }
            out.add(r);
        }
        return out;
    }
}
