package io.ringfence.detection;

import java.util.List;

/**
 * A rule set refused by the rule sandbox before it ran: too large, or asking for something uploaded rules may
 * not do (docs/security.md). Each message names the file, the rule and the offending reference, for example
 * {@code irsf.drl rule 'X': java.lang.System is not allowed in rules (no system access)}.
 */
public class RuleSetPolicyException extends RuleSetCompilationException {
    private final Reason reason;

    public RuleSetPolicyException(Reason reason, List<String> messages) {
        super(reason == Reason.TOO_LARGE ? "rule set too large" : "rule set not allowed", messages);
        this.reason = reason;
    }

    @Override
    public Reason reason() {
        return reason;
    }
}
