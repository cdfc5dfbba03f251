package io.ringfence.label;

/**
 * Ground truth for one simulated incident: a fraud (with the typology and subject an alert should
 * name) or an honest look-alike (kind {@code LOOKALIKE}, typology naming the look-alike) that must
 * raise nothing. A look-alike has no subject ({@code subjectKind} and {@code subjectValue} are null):
 * nothing about it should be acted on.
 */
public record Label(String incidentId, String kind, String typology, String subjectKind, String subjectValue,
                    String subscriber, long startMillis, long endMillis) {
    public static final String FRAUD = "FRAUD";
    public static final String LOOKALIKE = "LOOKALIKE";

    public boolean isFraud() {
        return FRAUD.equals(kind);
    }
}
