package io.ringfence.privacy;

import io.ringfence.audit.AlertRetention;
import io.ringfence.audit.ShadowDecisionLog;
import io.ringfence.audit.AuditStoreException;
import io.ringfence.audit.AuditTrail;
import io.ringfence.backtest.BacktestRetention;
import io.ringfence.cases.CaseRetention;
import io.ringfence.governance.HotListRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * Retention for the personal data outside events and audit (docs/privacy.md), daily beside
 * {@link io.ringfence.audit.RetentionJob}:
 * <ul>
 *   <li>alerts whose last match is past {@code ringfence.retention.alerts} are deleted, unless an open
 *       case or one under legal hold cites them (a case's evidence must stay whole while it matters);</li>
 *   <li>closed cases past {@code ringfence.retention.closed-cases}, not under legal hold, are
 *       pseudonymised: target and subscriber become keyed pseudonyms, the stored decision (which
 *       repeats them) and the history's details (contact notes, free text) are removed. Outcome, refund
 *       figures, who worked it and when stay: they are the team's record and name no subscriber;</li>
 *   <li>what a model in shadow would have decided ({@code shadow_decision}) goes with the alerts' limit;</li>
 *   <li>tasks hold no subscriber data (name, groups, staff, times) and stay with their case;</li>
 *   <li>decided hot-list edits past {@code ringfence.retention.hot-list-changes} lose their content
 *       (the numbers); status, reviewers and content_sha256 stay. Pending edits are never touched, and
 *       an approved one only once it reached Redis.</li>
 *   <li>the differences of backtests finished past {@code ringfence.retention.backtests} have their
 *       subjects and subscribers pseudonymised; counts, typologies, rules and verdicts stay.</li>
 * </ul>
 * The audit trail is not rewritten here: its rows are hash-chained and go only by whole days under
 * {@code ringfence.retention.audit}. Each run that changed something appends one audit entry with the
 * counts (no identities).
 */
public class PersonalDataRetention {
    private static final Logger log = LoggerFactory.getLogger(PersonalDataRetention.class);
    static final String AUDIT_ACTION = "PERSONAL_DATA_RETENTION";

    private final DataSource dataSource;
    private final AuditTrail trail;
    private final PersonalRetentionProperties retention;
    private final StorePseudonyms pseudonyms;
    private final Clock clock;

    public PersonalDataRetention(DataSource dataSource, AuditTrail trail, PersonalRetentionProperties retention,
                                 StorePseudonyms pseudonyms, Clock clock) {
        this.dataSource = dataSource;
        this.trail = trail;
        this.retention = retention;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    /** What one run did. */
    public record Outcome(int alertsDeleted, int casesPseudonymised, int hotListChangesEmptied, int backtestsPseudonymised,
                          int shadowDecisionsDeleted) {
        boolean any() {
            return alertsDeleted + casesPseudonymised + hotListChangesEmptied + backtestsPseudonymised
                    + shadowDecisionsDeleted > 0;
        }
    }

    @Scheduled(cron = "${ringfence.retention.cron:0 17 3 * * *}")
    public void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            log.error("personal data retention failed (it will run again at the next schedule)", e);
        }
    }

    public Outcome run() {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int alerts = AlertRetention.deleteLastMatchedBefore(c, now.minus(retention.alerts()),
                        CaseRetention.alertIdsKept(c));
                // What a model in shadow would have decided: kept no longer than the alerts it answered.
                int shadowed = ShadowDecisionLog.deleteDecidedBefore(c, now.minus(retention.alerts()));
                int cases = CaseRetention.pseudonymiseClosedBefore(c, now.minus(retention.closedCases()), now,
                        pseudonyms::of);
                int changes = HotListRetention.emptyDecidedBefore(c, now.minus(retention.hotListChanges()), now);
                int backtests = BacktestRetention.pseudonymiseFinishedBefore(c, now.minus(retention.backtests()), now,
                        pseudonyms::of);
                Outcome outcome = new Outcome(alerts, cases, changes, backtests, shadowed);
                if (outcome.any()) {
                    trail.appendAction(c, "retention-" + now, AuditTrail.SERVICE_ACTOR, AUDIT_ACTION,
                            "{\"alertsDeleted\":" + alerts + ",\"casesPseudonymised\":" + cases
                                    + ",\"hotListChangesEmptied\":" + changes + ",\"backtestsPseudonymised\":"
                                    + backtests + ",\"shadowDecisionsDeleted\":" + shadowed + "}", now.toEpochMilli());
                }
                c.commit();
                log.info("personal data retention: {} alerts deleted, {} closed cases pseudonymised, {} hot-list "
                        + "edits emptied, {} backtests pseudonymised, {} shadow decisions deleted (limits: alerts and "
                        + "shadow decisions {}, closed cases {}, hot-list edits {}, backtests {})", alerts, cases, changes,
                        backtests, shadowed, retention.alerts(),
                        retention.closedCases(), retention.hotListChanges(), retention.backtests());
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new AuditStoreException("personal data retention failed", e);
        }
    }

}
