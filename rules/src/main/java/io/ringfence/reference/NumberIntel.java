package io.ringfence.reference;

import io.ringfence.event.NumberInfo;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Number intelligence: country and type as libphonenumber gives them, risk from the reference data.
 * Country and type come from {@link NumberClassifier}, automata compiled from libphonenumber's
 * metadata that answer exactly as its {@code parse} and {@code getNumberType} do (the shipped model
 * and rules were tuned on those answers) for a fraction of the cost: most B-numbers of a day are
 * first sightings, and parsing them with the library took a quarter of the consumer thread. The
 * same numbers still recur all day, so results are cached; the cache is dropped whole when full,
 * which keeps it bounded without bookkeeping on the hot path.
 */
public final class NumberIntel {
    private static final int MAX_CACHED = 500_000;

    private final ReferenceData data;
    private final int homeCountryCode;
    private final NumberClassifier classifier = NumberClassifier.shared();
    private final ConcurrentHashMap<String, NumberInfo> cache = new ConcurrentHashMap<>();

    public NumberIntel(ReferenceData data) {
        this.data = data;
        this.homeCountryCode = data.network().countryCallingCode();
    }

    public ReferenceData data() {
        return data;
    }

    public NumberInfo info(String e164) {
        if (e164 == null) {
            return NumberInfo.UNKNOWN;
        }
        NumberInfo cached = cache.get(e164);
        if (cached != null) {
            return cached;
        }
        NumberInfo fresh = lookUp(e164);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(e164, fresh);
        return fresh;
    }

    private NumberInfo lookUp(String e164) {
        int classification = classifier.classify(e164);
        // Country code 0 (not parsed, e.g. an unassigned country code) is still worth checking
        // against the operator's own lists.
        int cc = NumberClassifier.countryCode(classification);
        String type = NumberClassifier.type(classification).name();
        HighRiskRanges.Range range = data.highRiskRanges().match(e164);
        if (cc == 0 && range == null && !data.isIrsfTestNumber(e164)) {
            return NumberInfo.UNKNOWN;
        }
        return new NumberInfo(cc, cc == 0 || cc != homeCountryCode, type,
                range == null ? 0.0 : range.risk(), range == null ? null : range.country(),
                data.isIrsfTestNumber(e164));
    }
}
