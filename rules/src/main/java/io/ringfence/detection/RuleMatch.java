package io.ringfence.detection;

import java.util.List;
import java.util.Map;

/** One firing of a rule, as its consequence reports it: what matched, about whom, and why. */
public record RuleMatch(String ruleId, String ruleVersion, Typology typology, Severity severity, Subject subject,
                        String subscriber, long firstEventAt, long newestEventAt, long detectedAt, List<String> eventIds,
                        Map<String, Object> figures) {
}
