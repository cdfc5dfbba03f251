package io.ringfence.governance;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The operations of a change that concern shadow mode: {@link #SHADOW} runs an uploaded rule set, decision or scoring
 * model in shadow instead of live; {@link #PROMOTE} makes the model in shadow live, {@link #END} takes it out of shadow. The
 * last two carry as content the id of the shadow change they act on, so that approving one cannot act on a model the
 * approver did not see (a newer shadow approved meanwhile refuses it).
 */
final class ShadowSteps {
    static final String SHADOW = "SHADOW";
    static final String PROMOTE = "PROMOTE";
    static final String END = "END_SHADOW";

    private ShadowSteps() {
    }

    static boolean canShadow(AssetKind kind) {
        return kind == AssetKind.RULES || kind == AssetKind.DECISION_MODEL || kind == AssetKind.SCORING_MODEL;
    }

    static boolean isStep(String operation) {
        return PROMOTE.equals(operation) || END.equals(operation);
    }

    static byte[] content(UUID shadowChange) {
        return shadowChange.toString().getBytes(StandardCharsets.UTF_8);
    }

    static UUID shadowChange(AssetChange step) {
        return UUID.fromString(new String(step.content(), StandardCharsets.UTF_8));
    }
}
