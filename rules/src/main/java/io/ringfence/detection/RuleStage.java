package io.ringfence.detection;

import org.kie.api.definition.rule.Rule;

import java.util.Locale;

/**
 * Where a rule runs when the stream has more than one partition. {@code telecom.events} is keyed by subscriber, so a
 * partition sees all of a subscriber's events and only its share of anyone else's: a rule that counts one caller's,
 * sender's or global title's events across many subscribers runs in the {@link #SUBJECT} stage, on events re-keyed by
 * that subject ({@link SubjectKeys}). A rule says so with {@code @stage( "subject" )}; without it, it runs per subscriber.
 * Replay and backtests run both stages' rules in one session, which is what every partition count must agree with.
 */
public enum RuleStage {
    SUBSCRIBER, SUBJECT;

    public static final String METADATA = "stage";

    /** @throws IllegalArgumentException for a {@code @stage} that names no stage */
    public static RuleStage of(Rule rule) {
        Object declared = rule.getMetaData().get(METADATA);
        if (declared == null) {
            return SUBSCRIBER;
        }
        String name = String.valueOf(declared).trim().toUpperCase(Locale.ROOT);
        for (RuleStage s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("rule '" + rule.getName() + "' has @stage( \"" + declared
                + "\" ): a stage is \"subscriber\" or \"subject\"");
    }
}
