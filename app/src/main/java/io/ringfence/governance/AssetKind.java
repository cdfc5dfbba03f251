package io.ringfence.governance;

import java.util.Arrays;
import java.util.Optional;

/** What changes only through maker-checker, by the name the API uses. */
public enum AssetKind {
    RULES("rules", true),
    DECISION_MODEL("decision-model", true),
    SCORING_MODEL("scoring-model", true),
    /** The high-risk ranges, IRSF test numbers and SIM-box TACs the rules look numbers up in. */
    REFERENCE_DATA("reference-data", true),
    /** Segment and monthly value per line, from the operator's CRM or billing: what the decision table weighs. */
    CUSTOMER_DATA("customer-data", true),
    HOT_LIST("hot-list", false);

    private final String id;
    private final boolean deployable;

    AssetKind(String id, boolean deployable) {
        this.id = id;
        this.deployable = deployable;
    }

    public String id() {
        return id;
    }

    /**
     * Deployable kinds run inside every instance and have one version live at a time (a row in
     * {@code asset_live}); hot lists live in Redis, shared, and are edited in place.
     */
    public boolean deployable() {
        return deployable;
    }

    public static Optional<AssetKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
