package io.ringfence.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fraud-score model's inputs, in order. The names are the PMML model's input field names: a
 * renamed, added or removed feature is a new {@link #VERSION} and needs a retrained model (loading
 * checks the PMML's fields against this list).
 *
 * <p>"1h" and "24h" windows are exponentially decayed over event time with that time constant (see
 * {@link FeatureTracker}); "MO traffic" is originating calls and SMS together.
 */
public final class FeatureSchema {
    public static final String VERSION = "1";

    /** One input: its PMML field name and what it measures. */
    public record Feature(String name, String meaning) {
    }

    public static final List<Feature> FEATURES = List.of(
            new Feature("moCalls1h", "originating calls, last hour"),
            new Feature("moCalls24h", "originating calls, last 24 h"),
            new Feature("moSms1h", "originating SMS, last hour"),
            new Feature("moSms24h", "originating SMS, last 24 h"),
            new Feature("distinctB24h", "distinct B-numbers of MO traffic, last 12-24 h (approximate, saturates near 260)"),
            new Feature("intlShare24h", "share of MO traffic to foreign numbers, last 24 h"),
            new Feature("highRiskShare24h", "share of MO traffic to high-cost numbers (high-risk range, IRSF test number, premium rate), last 24 h"),
            new Feature("moShare24h", "MO / (MO + MT) calls and SMS, last 24 h (0.5 when none): the MO/MT ratio bounded to 0..1"),
            new Feature("answeredShare24h", "answered share of MO calls, last 24 h (1 when none)"),
            new Feature("meanCallMinutes24h", "mean duration of answered MO calls in minutes, last 24 h"),
            new Feature("nightShare24h", "share of MO traffic made 00:00-06:00 local time, last 24 h"),
            new Feature("cells24h", "distinct serving cells, last 12-24 h (approximate)"),
            new Feature("imeis24h", "distinct handsets (IMEIs) the line used, last 12-24 h (approximate)"),
            new Feature("simsPerImei", "distinct SIMs (IMSI, else MSISDN) seen on the line's latest handset within the retention"),
            new Feature("hoursSinceSubscription", "hours since the line was activated, capped at 720 (720 when unknown)"),
            new Feature("hoursSinceSimSwap", "hours since the latest SIM swap on the line, capped at 720 (720 when none)"),
            new Feature("roamingShare24h", "share of the line's network records (voice, SMS, data) made abroad, last 24 h"),
            new Feature("chargeAmount24h", "charged amount of MO records, last 24 h (record's chargeAmount, else minutes x tariff estimate for high-cost calls)"),
            new Feature("callVolumeZ", "this hour's MO calls against the line's own hourly history: (x - mean) / sqrt(variance + 1)"),
            new Feature("forwardHighCost", "1 when call forwarding to a foreign or high-cost number is active, else 0"));

    public static final List<String> NAMES = FEATURES.stream().map(Feature::name).toList();

    private static final Map<String, Integer> INDEX = new HashMap<>();

    static {
        for (int i = 0; i < NAMES.size(); i++) {
            INDEX.put(NAMES.get(i), i);
        }
    }

    private FeatureSchema() {
    }

    public static int size() {
        return NAMES.size();
    }

    /** @return the feature's position, or -1 for a name the schema does not have */
    public static int indexOf(String name) {
        Integer i = INDEX.get(name);
        return i == null ? -1 : i;
    }
}
