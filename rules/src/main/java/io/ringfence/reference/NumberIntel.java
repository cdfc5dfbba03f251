package io.ringfence.reference;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.ringfence.event.NumberInfo;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Number intelligence: country and type from libphonenumber, risk from the reference data. Parsing
 * a number costs microseconds, and the same numbers recur all day, so results are cached; the cache
 * is dropped whole when full, which keeps it bounded without bookkeeping on the hot path.
 */
public final class NumberIntel {
    private static final PhoneNumberUtil PHONE = PhoneNumberUtil.getInstance();
    private static final int MAX_CACHED = 500_000;

    private final ReferenceData data;
    private final int homeCountryCode;
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
        int cc = 0;
        String type = "UNKNOWN";
        try {
            Phonenumber.PhoneNumber n = PHONE.parse(e164, "ZZ");
            cc = n.getCountryCode();
            type = PHONE.getNumberType(n).name();
        } catch (NumberParseException e) {
            // An unassigned country code is still worth checking against the operator's own lists.
        }
        HighRiskRanges.Range range = data.highRiskRanges().match(e164);
        if (cc == 0 && range == null && !data.isIrsfTestNumber(e164)) {
            return NumberInfo.UNKNOWN;
        }
        return new NumberInfo(cc, cc == 0 || cc != homeCountryCode, type,
                range == null ? 0.0 : range.risk(), range == null ? null : range.country(),
                data.isIrsfTestNumber(e164));
    }
}
