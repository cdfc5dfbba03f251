package io.ringfence.event;

/**
 * What is known about one E.164 number: its country, its type as libphonenumber sees it, and whether
 * reference data lists it as a high-risk range or a known IRSF test number.
 */
public record NumberInfo(int countryCode, boolean foreign, String numberType, double rangeRisk,
                         String rangeLabel, boolean testNumber) {
    public static final NumberInfo UNKNOWN = new NumberInfo(0, false, "UNKNOWN", 0.0, null, false);

    public int getCountryCode() { return countryCode; }
    public boolean isForeign() { return foreign; }
    public String getNumberType() { return numberType; }
    public double getRangeRisk() { return rangeRisk; }
    public String getRangeLabel() { return rangeLabel; }
    public boolean isTestNumber() { return testNumber; }
    public boolean isPremiumRate() { return "PREMIUM_RATE".equals(numberType); }
    public boolean isMobile() { return "MOBILE".equals(numberType) || "FIXED_LINE_OR_MOBILE".equals(numberType); }

    /** High-cost destination: a listed high-risk range, a known test number, or a premium-rate number. */
    public boolean isHighCost() { return rangeRisk > 0 || testNumber || isPremiumRate(); }
}
