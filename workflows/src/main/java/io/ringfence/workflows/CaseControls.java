package io.ringfence.workflows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The controls a fraud team puts on its own people, so that no one person can open a case, work it and
 * move money or lift a block alone: segregation of duties, evidence to open a case, refunds only to the
 * subscriber the evidence names, four eyes on money, and a supervisor to lift a block. Each is a small
 * named function that allows, or refuses with a reason; the services enforce them before anything moves.
 * Plain Java: no framework, no store.
 */
public final class CaseControls {
    /** The control a verdict comes from; refusals name it in the problem and in the audit trail. */
    public enum Rule {
        SEGREGATION_OF_DUTIES, EVIDENCE_TO_OPEN, EVIDENCE_FITS_TARGET, REFUND_TO_EVIDENCED_SUBSCRIBER,
        FOUR_EYES_ON_REFUNDS, SUPERVISOR_TO_LIFT
    }

    /** Why something is refused: the person may not do it (403), or the case's facts do not allow it (409). */
    public enum Refusal {
        FORBIDDEN, CONFLICT
    }

    /** Allowed when {@code refusal} is null; the reason is said either way. */
    public record Verdict(Rule rule, Refusal refusal, String reason) {
        public static Verdict allow(Rule rule, String reason) {
            return new Verdict(rule, null, reason);
        }

        public static Verdict forbid(Rule rule, String reason) {
            return new Verdict(rule, Refusal.FORBIDDEN, reason);
        }

        public static Verdict conflict(Rule rule, String reason) {
            return new Verdict(rule, Refusal.CONFLICT, reason);
        }

        public boolean allowed() {
            return refusal == null;
        }
    }

    /**
     * What a hand-opened case cites, as the stores found it.
     *
     * @param missing     cited ids no store holds
     * @param elsewhere   cited ids about another subject than the case's target
     * @param subscribers the subscribers the found alerts and events name
     */
    public record Evidence(int cited, List<String> missing, List<String> elsewhere, Set<String> subscribers) {
        public static final Evidence NONE = new Evidence(0, List.of(), List.of(), Set.of());
    }

    private CaseControls() {
    }

    /**
     * Segregation of duties: who opened a case by hand does not work it (triage, contact, refund, approval).
     * Cases the service opened from a decision have no such person.
     */
    public static Verdict mayWork(String openedBy, String user, String task) {
        if (openedBy != null && !FraudCase.SERVICE.equals(openedBy) && openedBy.equals(user)) {
            return Verdict.forbid(Rule.SEGREGATION_OF_DUTIES, "segregation of duties: " + user
                    + " opened this case by hand and may not work its " + task + "; a colleague must");
        }
        return Verdict.allow(Rule.SEGREGATION_OF_DUTIES, user + " did not open this case");
    }

    /** A case opened by hand cites evidence (alerts or events), unless a supervisor opens it on their own word. */
    public static Verdict mayOpenByHand(String user, boolean supervisor, Evidence evidence) {
        if (evidence.cited() > 0) {
            return Verdict.allow(Rule.EVIDENCE_TO_OPEN, "cites " + evidence.cited() + " alert(s) or event(s)");
        }
        if (supervisor) {
            return Verdict.allow(Rule.EVIDENCE_TO_OPEN, user + " is a supervisor");
        }
        return Verdict.forbid(Rule.EVIDENCE_TO_OPEN, "a case opened by hand must cite evidence (alertIds or eventIds)"
                + " about its target, or be opened by a supervisor");
    }

    /**
     * The evidence is about the case's target and names at most one subscriber, and a subscriber typed into the
     * request is that one: a case cannot point a refund at a number its evidence does not name.
     */
    public static Verdict evidenceFits(Evidence evidence, String typedSubscriber) {
        if (!evidence.missing().isEmpty()) {
            return Verdict.conflict(Rule.EVIDENCE_FITS_TARGET, "no alert or event " + evidence.missing() + " is known");
        }
        if (!evidence.elsewhere().isEmpty()) {
            return Verdict.conflict(Rule.EVIDENCE_FITS_TARGET, evidence.elsewhere() + " concern(s) another subject than the target");
        }
        if (evidence.subscribers().size() > 1) {
            return Verdict.conflict(Rule.EVIDENCE_FITS_TARGET, "the evidence names several subscribers "
                    + evidence.subscribers() + "; open one case per subscriber");
        }
        if (typedSubscriber != null && evidence.cited() > 0 && !evidence.subscribers().contains(typedSubscriber)) {
            return Verdict.conflict(Rule.EVIDENCE_FITS_TARGET, "the evidence names subscriber "
                    + (evidence.subscribers().isEmpty() ? "none" : evidence.subscribers().iterator().next())
                    + ", not " + typedSubscriber);
        }
        return Verdict.allow(Rule.EVIDENCE_FITS_TARGET, "the evidence is about the target");
    }

    /** A refund goes to the subscriber the case's evidence names (the opening decision's, or the cited alerts' and events'). */
    public static Verdict mayRefund(String evidencedSubscriber, BigDecimal amount) {
        if (amount.signum() > 0 && evidencedSubscriber == null) {
            return Verdict.conflict(Rule.REFUND_TO_EVIDENCED_SUBSCRIBER, "no subscriber is named by this case's"
                    + " evidence, so no refund can be ordered from it; record 0 and refund through billing");
        }
        return Verdict.allow(Rule.REFUND_TO_EVIDENCED_SUBSCRIBER, "the refund goes to " + evidencedSubscriber);
    }

    /**
     * Four eyes on money: a refund is ordered on its requester's word alone only if it is at most
     * {@code aloneUpTo} and, with the refunds they ordered alone today, within {@code dailyLimit}; otherwise a
     * supervisor other than the requester approves it. Both default to 0: every refund has a second person.
     */
    public static Verdict mayRefundAlone(BigDecimal amount, BigDecimal aloneUpTo, BigDecimal dailyLimit, BigDecimal aloneToday) {
        if (amount.compareTo(aloneUpTo) > 0) {
            return Verdict.forbid(Rule.FOUR_EYES_ON_REFUNDS, "above " + aloneUpTo.toPlainString()
                    + " a refund needs a second person");
        }
        BigDecimal total = aloneToday.add(amount);
        if (total.compareTo(dailyLimit) > 0) {
            return Verdict.forbid(Rule.FOUR_EYES_ON_REFUNDS, "with " + aloneToday.toPlainString()
                    + " already ordered alone today the requester would exceed their daily limit of "
                    + dailyLimit.toPlainString());
        }
        return Verdict.allow(Rule.FOUR_EYES_ON_REFUNDS, "within the requester's limits (" + total.toPlainString()
                + " of " + dailyLimit.toPlainString() + " today)");
    }

    /**
     * A false-positive verdict lifts the blocks in force on the target; a block a rule (or another case)
     * decided is lifted only on a supervisor's verdict.
     */
    public static Verdict mayLift(List<String> blocksInForce, String user, boolean supervisor) {
        if (blocksInForce.isEmpty()) {
            return Verdict.allow(Rule.SUPERVISOR_TO_LIFT, "no block is in force on the target");
        }
        if (supervisor) {
            return Verdict.allow(Rule.SUPERVISOR_TO_LIFT, user + " is a supervisor");
        }
        return Verdict.forbid(Rule.SUPERVISOR_TO_LIFT, "a false positive here lifts block(s) " + blocksInForce
                + " in force on the target; only a supervisor may give that verdict");
    }
}
