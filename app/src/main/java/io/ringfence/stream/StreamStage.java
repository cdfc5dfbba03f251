package io.ringfence.stream;

import io.ringfence.detection.RuleSet;
import io.ringfence.detection.RuleStage;
import io.ringfence.detection.RuleStages;
import io.ringfence.governance.LiveRuleSet;

/**
 * What one consuming loop of the stream runs (docs/streaming.md, "Two stages"). With one partition, one loop runs the
 * whole rule set on {@code telecom.events}. With several, {@code telecom.events} (keyed by subscriber) runs the
 * subscriber stage's rules and hands the events a subject-stage rule needs to the internal subject topic, keyed by
 * that subject ({@link io.ringfence.detection.SubjectKeys}); a second loop, in its own consumer group, runs the subject
 * stage's rules on that topic, so each caller's, sender's or global title's events meet in one partition whatever the
 * partition count. Each loop commits its own offsets (the topic is part of the key) with its own batches.
 *
 * @param stage    null: the whole rule set (one stage)
 * @param topic    what the loop consumes
 * @param groupId  its consumer group
 * @param handOff  the subject topic, where the subscriber stage sends events on; null otherwise
 */
record StreamStage(RuleStage stage, String topic, String groupId, String handOff) {

    static StreamStage whole(KafkaSettings settings) {
        return new StreamStage(null, settings.topics().events(), settings.groupId(), null);
    }

    static StreamStage subscriber(KafkaSettings settings) {
        return new StreamStage(RuleStage.SUBSCRIBER, settings.topics().events(), settings.groupId(), settings.topics().subject());
    }

    static StreamStage subject(KafkaSettings settings) {
        return new StreamStage(RuleStage.SUBJECT, settings.topics().subject(), settings.groupId() + ".subject", null);
    }

    /** The subject stage's events are already in the event history (the subscriber stage wrote them). */
    boolean storesHistory() {
        return stage != RuleStage.SUBJECT;
    }

    String name() {
        return stage == null ? "stream" : stage.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Cuts the rule sets a loop is given to its stage, once per set (they are compared by identity between polls). */
    static final class Rules {
        private final RuleStage stage;
        private RuleSet whole;
        private RuleSet cut;
        private LiveRuleSet.Shadow wholeShadow;
        private LiveRuleSet.Shadow cutShadow;

        Rules(RuleStage stage) {
            this.stage = stage;
        }

        synchronized RuleSet of(RuleSet rules) {
            if (stage == null || rules == null || rules.stages() == null) {
                return rules;
            }
            if (rules != whole) {
                cut = RuleStages.only(rules, stage);
                whole = rules;
            }
            return cut;
        }

        synchronized LiveRuleSet.Shadow of(LiveRuleSet.Shadow shadow) {
            if (stage == null || shadow == null || shadow.rules().stages() == null) {
                return shadow;
            }
            if (shadow != wholeShadow) {
                cutShadow = new LiveRuleSet.Shadow(RuleStages.only(shadow.rules(), stage), shadow.run());
                wholeShadow = shadow;
            }
            return cutShadow;
        }
    }
}
