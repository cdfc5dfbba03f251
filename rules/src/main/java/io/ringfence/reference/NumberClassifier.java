package io.ringfence.reference;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;

import java.util.concurrent.atomic.LongAdder;

/**
 * Country calling code and number type exactly as {@code PhoneNumberUtil.parse(number, "ZZ")} and
 * {@code getNumberType} give them, without a regex engine: libphonenumber's patterns are compiled
 * once into one automaton per calling code ({@link CallingCodePlan}). Inputs the automata do not
 * model go to libphonenumber itself, and {@link #askedLibrary()} counts them: input other than "+"
 * and digits (without any plus sign, parse fails and the answer needs no library), more than 20
 * digits, and numbers that a national-prefix pattern with alternatives or a transform rule could
 * rewrite (Argentina's mobile "15", Brazil's carrier codes, Japan, Korea and a few more).
 * <p>
 * The answer is packed in an int, {@code countryCode << 4 | type.ordinal()}, so that a first sighting
 * allocates nothing; country code 0 means libphonenumber does not parse the input.
 */
final class NumberClassifier {
    private static final PhoneNumberUtil PHONE = PhoneNumberUtil.getInstance();
    private static final PhoneNumberType[] TYPES = PhoneNumberType.values();
    private static final int NOT_A_NUMBER = PhoneNumberType.UNKNOWN.ordinal();
    /** A plus, at most three digits of calling code and {@link CallingCodePlan#MAX_NATIONAL_LENGTH}. */
    private static final int MAX_FAST_LENGTH = 1 + 3 + CallingCodePlan.MAX_NATIONAL_LENGTH;
    /** Every answer is below this: calling codes have at most three digits. */
    static final int CLASSIFICATIONS = 1000 << 4;

    private final boolean[] callingCode = new boolean[1000];
    private final CallingCodePlan[] plans = new CallingCodePlan[1000];
    private final int unplanned;
    private final LongAdder classified = new LongAdder();
    private final LongAdder askedLibrary = new LongAdder();

    /** Builds its own automata; production shares one through {@link #shared()}. */
    NumberClassifier() {
        MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        int missing = 0;
        for (int cc : PHONE.getSupportedCallingCodes()) {
            callingCode[cc] = true;
            try {
                plans[cc] = CallingCodePlanCompiler.compile(PHONE, source, cc);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // Metadata this compiler does not understand: the library answers for that code.
                missing++;
            }
        }
        this.unplanned = missing;
    }

    /** The metadata does not change while the JVM runs, so one classifier serves every NumberIntel. */
    static NumberClassifier shared() {
        return Shared.INSTANCE;
    }

    private static final class Shared {
        static final NumberClassifier INSTANCE = new NumberClassifier();
    }

    static int countryCode(int classification) {
        return classification >>> 4;
    }

    static PhoneNumberType type(int classification) {
        return TYPES[classification & 15];
    }

    int classify(String number) {
        classified.increment();
        int length = number.length();
        if (length == 0 || number.charAt(0) != '+') {
            // Without a plus sign and with "ZZ" as the region, parse() cannot find a calling code.
            return number.indexOf('+') < 0 && number.indexOf('\uFF0B') < 0 ? NOT_A_NUMBER : askLibrary(number);
        }
        if (length < 4 || length > MAX_FAST_LENGTH) {
            return askLibrary(number);
        }
        for (int i = 1; i < length; i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                return askLibrary(number);
            }
        }
        int cc = 0;
        int ccDigits = 0;
        // extractCountryCode: the shortest known code wins; codes never start with 0.
        for (int i = 1; i <= 3 && cc == 0 && number.charAt(1) != '0'; i++) {
            int candidate = Integer.parseInt(number, 1, 1 + i, 10);
            if (callingCode[candidate]) {
                cc = candidate;
                ccDigits = i;
            }
        }
        if (cc == 0) {
            return NOT_A_NUMBER;
        }
        CallingCodePlan plan = plans[cc];
        if (plan == null || length - 1 - ccDigits > CallingCodePlan.MAX_NATIONAL_LENGTH) {
            return askLibrary(number);
        }
        byte outcome = plan.outcome(number, 1 + ccDigits);
        if (outcome == CallingCodePlan.NOT_A_NUMBER) {
            return NOT_A_NUMBER;
        }
        return outcome == CallingCodePlan.ASK_LIBRARY ? askLibrary(number) : cc << 4 | outcome;
    }

    /** What libphonenumber itself answers: the reference the automata are tested against. */
    static int byLibrary(String number) {
        try {
            Phonenumber.PhoneNumber n = PHONE.parse(number, "ZZ");
            return n.getCountryCode() << 4 | PHONE.getNumberType(n).ordinal();
        } catch (NumberParseException e) {
            return NOT_A_NUMBER;
        }
    }

    private int askLibrary(String number) {
        askedLibrary.increment();
        return byLibrary(number);
    }

    long classified() {
        return classified.sum();
    }

    long askedLibrary() {
        return askedLibrary.sum();
    }

    /** Calling codes whose metadata did not compile: always answered by the library. */
    int unplannedCallingCodes() {
        return unplanned;
    }
}
