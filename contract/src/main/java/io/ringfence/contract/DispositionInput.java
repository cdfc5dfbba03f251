package io.ringfence.contract;

/**
 * What the disposition model reads, one field per DMN input data node of the same name.
 *
 * @param score          the PMML fraud score 0..1, or null when no model scored
 * @param repeatOffences earlier incidents blocked on the same target within the repeat period
 * @param exposure       estimated money at risk: charges of the subscriber's recent traffic, decayed with a
 *                       24-hour time constant
 * @param origin         for signaling alerts, HOME, PARTNER or FOREIGN (where the request came from); else NONE
 * @param accountAgeDays days since the subscriber's account was opened, from the CRM; null when it does not say
 * @param enterprise     the line belongs to an enterprise account, from the CRM
 */
public record DispositionInput(String typology, String ruleId, String severity, Double score, String subjectKind,
                               String segment, double customerValue, int repeatOffences, double exposure,
                               String origin, Integer accountAgeDays, boolean enterprise) {

    /** Without what the CRM may not export: the account's age unknown, not an enterprise's. */
    public DispositionInput(String typology, String ruleId, String severity, Double score, String subjectKind,
                            String segment, double customerValue, int repeatOffences, double exposure, String origin) {
        this(typology, ruleId, severity, score, subjectKind, segment, customerValue, repeatOffences, exposure, origin,
                null, false);
    }
}
