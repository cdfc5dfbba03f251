package io.ringfence.decision;

/**
 * What the disposition model reads, one field per DMN input data node of the same name.
 *
 * @param score          the PMML fraud score 0..1, or null when no model scored
 * @param repeatOffences earlier decisions (more than watching) on the same target within the repeat window
 * @param exposure       estimated money at risk: charges of the subscriber's traffic in the last 24 hours
 */
public record DispositionInput(String typology, String ruleId, String severity, Double score, String subjectKind,
                               String segment, double customerValue, int repeatOffences, double exposure) {
}
