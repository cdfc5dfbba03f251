package io.ringfence.pipeline;

/**
 * An exception out of one stage of the pipeline on one event: the engine, the features, the enrichment
 * or the decision. The pipeline that threw is in an unknown state and is not used again; the driver
 * sets the event aside (rejects file, dead-letter topic) with {@link #reason()} and rebuilds the
 * pipeline from history without it, so one event never stops a stream (docs/detection.md, "Fault barrier").
 */
public final class EventFault extends RuntimeException {
    public enum Stage { ENRICH, FEATURES, DETECT, DECIDE }

    private final Stage stage;
    private final String eventId;
    private final String ruleId;

    /** @param ruleId the rule whose consequence was running, or null (the engine was propagating the event) */
    public EventFault(Stage stage, String eventId, String ruleId, Throwable cause) {
        super(describe(stage, eventId, ruleId, cause), cause);
        this.stage = stage;
        this.eventId = eventId;
        this.ruleId = ruleId;
    }

    public Stage stage() {
        return stage;
    }

    public String eventId() {
        return eventId;
    }

    /** The rule that was firing, or null. */
    public String ruleId() {
        return ruleId;
    }

    /** One line for the rejects file and the dead-letter header: stage, rule and the exception. */
    public String reason() {
        return getMessage();
    }

    private static String describe(Stage stage, String eventId, String ruleId, Throwable cause) {
        String where = switch (stage) {
            case DETECT -> ruleId != null ? "while rule " + ruleId + " was firing"
                    : "while the engine matched it (no rule firing)";
            case DECIDE -> ruleId != null ? "deciding an alert of rule " + ruleId : "deciding its alerts";
            default -> "in " + stage.name().toLowerCase(java.util.Locale.ROOT);
        };
        return "internal error on event " + eventId + " " + where + ": " + cause;
    }
}
