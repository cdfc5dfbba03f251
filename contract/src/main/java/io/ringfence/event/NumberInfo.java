package io.ringfence.event;

/**
 * What is known about one E.164 number: its country, its type as libphonenumber sees it, and whether
 * reference data lists it as a high-risk range or a known IRSF test number. The A-party of an SMS may
 * also be a short code or an alphanumeric originator ({@link SmsOriginator}): those get the number
 * types {@code SHORT_CODE} and {@code ALPHANUMERIC}, no country, and are neither foreign nor high-cost.
 * Where an external lookup service has answered for the number, {@link #lookup} holds its answer and
 * {@code rangeRisk} includes the risk it implies.
 */
public record NumberInfo(int countryCode, boolean foreign, String numberType, double rangeRisk,
                         String rangeLabel, boolean testNumber, NumberLookupAnswer lookup) {
    public static final NumberInfo UNKNOWN = new NumberInfo(0, false, "UNKNOWN", 0.0, null, false);
    /** An SMS short code (4-8 digits, national): no country, never matched against ranges. */
    public static final NumberInfo SHORT_CODE = new NumberInfo(0, false, "SHORT_CODE", 0.0, null, false);
    /** An alphanumeric SMS originator: no country, never matched against ranges. */
    public static final NumberInfo ALPHANUMERIC = new NumberInfo(0, false, "ALPHANUMERIC", 0.0, null, false);

    /** From the offline tables alone, as every number is classified when no lookup service is configured. */
    public NumberInfo(int countryCode, boolean foreign, String numberType, double rangeRisk, String rangeLabel,
                      boolean testNumber) {
        this(countryCode, foreign, numberType, rangeRisk, rangeLabel, testNumber, null);
    }

    public int getCountryCode() { return countryCode; }
    public boolean isForeign() { return foreign; }
    public String getNumberType() { return numberType; }
    public double getRangeRisk() { return rangeRisk; }
    public String getRangeLabel() { return rangeLabel; }
    public boolean isTestNumber() { return testNumber; }
    /** The external lookup's answer this information includes, or null when the offline tables alone gave it. */
    public NumberLookupAnswer getLookup() { return lookup; }
    public boolean isPremiumRate() { return "PREMIUM_RATE".equals(numberType); }
    public boolean isShortCode() { return "SHORT_CODE".equals(numberType); }
    public boolean isAlphanumeric() { return "ALPHANUMERIC".equals(numberType); }
    /** A short code or an alphanumeric originator: the A-party of application-to-person messages. */
    public boolean isA2pOriginator() { return isShortCode() || isAlphanumeric(); }
    public boolean isMobile() { return "MOBILE".equals(numberType) || "FIXED_LINE_OR_MOBILE".equals(numberType); }

    /** High-cost destination: a listed high-risk range, a known test number, or a premium-rate number. */
    public boolean isHighCost() { return rangeRisk > 0 || testNumber || isPremiumRate(); }
}
