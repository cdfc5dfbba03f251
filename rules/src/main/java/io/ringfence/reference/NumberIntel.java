package io.ringfence.reference;

import io.ringfence.event.NumberInfo;
import io.ringfence.event.NumberLookupAnswer;
import io.ringfence.event.SmsOriginator;

/**
 * Number intelligence: country and type as libphonenumber gives them, risk from the reference data.
 * Country and type come from {@link NumberClassifier}, automata compiled from libphonenumber's
 * metadata that answer exactly as its {@code parse} and {@code getNumberType} do (the shipped model
 * and rules were tuned on those answers) for a fraction of the cost. Each number is classified
 * every time it is seen, without a per-number cache: the automata and the range trie take about
 * 0.1 µs a number and allocate nothing, while a cache of the day's numbers held an eighth of the
 * service's live heap. Numbers in no listed range and not test numbers, nearly all of them, share one
 * instance per classification; the others get their own, with the range's risk and label.
 * <p>
 * A value without '+' that is a short code or an alphanumeric originator (the A-party of an
 * application-to-person SMS, {@link SmsOriginator}) is {@link NumberInfo#SHORT_CODE} or
 * {@link NumberInfo#ALPHANUMERIC}: it has no country and is not looked up in the ranges, whose
 * prefixes are international (short code 8821 is not in range +882).
 * <p>
 * Where a number-intelligence service is configured ({@link NumberLookups}), a number of another country code that
 * it has answered for carries the answer, and the risk the answer implies joins the range's: the service's own risk
 * figure when it reaches {@link NumberLookups#minRisk()}, or
 * {@link #UNASSIGNED_RISK} for a number its network says is not in service (calls that such a number answers
 * are being short-stopped, the mark of a hijacked range). Home numbers are not looked up: the operator knows its
 * own ranges, and a lookup per domestic call would cost more than it tells.
 */
public final class NumberIntel {
    /** The risk of a foreign number whose own network says it is not assigned. */
    public static final double UNASSIGNED_RISK = 0.8;

    private final ReferenceData data;
    private final NumberLookups lookups;
    private final int homeCountryCode;
    private final NumberClassifier classifier = NumberClassifier.shared();
    /**
     * The answer for a number in no listed range and not a test number, by classification. Filled on
     * first use; a racing thread at worst builds an equal record, and a record's final fields make
     * it safe to share without a lock.
     */
    private final NumberInfo[] plain = new NumberInfo[NumberClassifier.CLASSIFICATIONS];

    public NumberIntel(ReferenceData data) {
        this(data, NumberLookups.NONE);
    }

    public NumberIntel(ReferenceData data, NumberLookups lookups) {
        this.data = data;
        this.lookups = lookups;
        this.homeCountryCode = data.network().countryCallingCode();
    }

    public ReferenceData data() {
        return data;
    }

    public NumberInfo info(String e164) {
        if (e164 == null) {
            return NumberInfo.UNKNOWN;
        }
        if (e164.isEmpty() || e164.charAt(0) != '+') {
            switch (SmsOriginator.formOf(e164)) {
                case SHORT_CODE:
                    return NumberInfo.SHORT_CODE;
                case ALPHANUMERIC:
                    return NumberInfo.ALPHANUMERIC;
                default:
                    break;
            }
        }
        int classification = classifier.classify(e164);
        // Country code 0 (not parsed, e.g. an unassigned country code) is still worth checking
        // against the operator's own lists.
        HighRiskRanges.Range range = data.highRiskRanges().match(e164);
        boolean test = data.isIrsfTestNumber(e164);
        int cc = NumberClassifier.countryCode(classification);
        NumberLookupAnswer answer = cc != 0 && cc != homeCountryCode && e164.charAt(0) == '+' ? answered(e164) : null;
        if (answer != null) {
            return looked(classification, range, test, answer);
        }
        if (range != null || test) {
            return info(classification, range, test);
        }
        NumberInfo shared = plain[classification];
        if (shared == null) {
            shared = info(classification, null, false);
            plain[classification] = shared;
        }
        return shared;
    }

    /** What the service has answered; an operator's own lookup that throws must not cost the event. */
    private NumberLookupAnswer answered(String e164) {
        try {
            return lookups.answered(e164);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private NumberInfo looked(int classification, HighRiskRanges.Range range, boolean test, NumberLookupAnswer answer) {
        double implied = Math.max(answer.risk() >= lookups.minRisk() ? answer.risk() : 0,
                answer.status() == NumberLookupAnswer.Status.UNASSIGNED ? UNASSIGNED_RISK : 0);
        double risk = Math.max(range == null ? 0.0 : range.risk(), implied);
        String label = range != null ? range.country()
                : implied > 0 ? (answer.carrier() != null ? answer.carrier() : answer.source()) : null;
        return new NumberInfo(NumberClassifier.countryCode(classification), true,
                NumberClassifier.type(classification).name(), risk, label, test, answer);
    }

    private NumberInfo info(int classification, HighRiskRanges.Range range, boolean test) {
        int cc = NumberClassifier.countryCode(classification);
        if (cc == 0 && range == null && !test) {
            return NumberInfo.UNKNOWN;
        }
        return new NumberInfo(cc, cc == 0 || cc != homeCountryCode, NumberClassifier.type(classification).name(),
                range == null ? 0.0 : range.risk(), range == null ? null : range.country(), test);
    }
}
