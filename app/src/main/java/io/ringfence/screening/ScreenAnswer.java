package io.ringfence.screening;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * @param decisionId the decision whose block denied, when a block did
 * @param list       the hot list that decided, when one did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScreenAnswer(Verdict verdict, String reason, String decisionId, String list) {
    public enum Verdict { ALLOW, DENY }
}
