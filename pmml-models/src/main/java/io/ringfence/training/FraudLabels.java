package io.ringfence.training;

import io.ringfence.label.Label;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which hourly snapshots of a line count as fraud. A snapshot is positive when the line is the
 * subscriber of a FRAUD label whose typology makes the line's own traffic fraudulent, from the
 * incident's start until an hour after its end. Typologies whose line is only touched from outside
 * (WANGIRI, SS7_ATTACK, DIAMETER_ATTACK, CLI_SPOOFING: the victim's own traffic stays ordinary) are
 * left out: teaching the model that ordinary traffic is fraud would only add noise. Look-alikes and
 * ordinary lines are negatives: telling them apart is the model's job.
 *
 * <p>The day after an incident is neither: the 24-hour features still carry the fraud, and calling
 * that line "ordinary" would teach the model to unlearn exactly what it should see.
 */
final class FraudLabels {
    /** Typologies where {@code Label.subscriber} is the line whose behaviour is the fraud (checked in the simulator's scenarios). */
    static final Set<String> OWN_BEHAVIOUR = Set.of("IRSF", "SIMBOX", "PBX_HACKING", "SIM_SWAP", "SMS_PUMPING",
            "ROAMING_FRAUD", "SUBSCRIPTION_FRAUD", "SIM_CLONING", "CALL_FORWARD_FRAUD");
    static final long AFTER_END_POSITIVE = 3_600_000L;
    static final long AFTER_END_EXCLUDED = 24 * 3_600_000L;

    enum Verdict { POSITIVE, NEGATIVE, EXCLUDED }

    private final Map<String, List<Label>> bySubscriber = new HashMap<>();
    private final Map<String, List<Label>> lookalikes = new HashMap<>();

    FraudLabels(List<Label> labels) {
        for (Label l : labels) {
            if (l.isFraud() && OWN_BEHAVIOUR.contains(l.typology()) && l.subscriber() != null) {
                bySubscriber.computeIfAbsent(l.subscriber(), k -> new ArrayList<>()).add(l);
            } else if (!l.isFraud() && l.subscriber() != null) {
                lookalikes.computeIfAbsent(l.subscriber(), k -> new ArrayList<>()).add(l);
            }
        }
    }

    /**
     * For the model card's breakdown: the fraud typology of a positive row, the look-alike kind of a
     * look-alike line's row (within its incident and the hour after), else null.
     */
    String groupAt(String subscriber, long millis) {
        for (Label l : bySubscriber.getOrDefault(subscriber, List.of())) {
            if (millis >= l.startMillis() && millis <= l.endMillis() + AFTER_END_POSITIVE) {
                return l.typology();
            }
        }
        for (Label l : lookalikes.getOrDefault(subscriber, List.of())) {
            if (millis >= l.startMillis() && millis <= l.endMillis() + AFTER_END_POSITIVE) {
                return LOOKALIKE_PREFIX + l.typology();
            }
        }
        return null;
    }

    static final String LOOKALIKE_PREFIX = "look-alike ";

    Verdict at(String subscriber, long millis) {
        List<Label> ls = bySubscriber.get(subscriber);
        if (ls == null) {
            return Verdict.NEGATIVE;
        }
        Verdict v = Verdict.NEGATIVE;
        for (Label l : ls) {
            if (millis >= l.startMillis() && millis <= l.endMillis() + AFTER_END_POSITIVE) {
                return Verdict.POSITIVE;
            }
            if (millis > l.endMillis() && millis <= l.endMillis() + AFTER_END_EXCLUDED) {
                v = Verdict.EXCLUDED;
            }
        }
        return v;
    }
}
