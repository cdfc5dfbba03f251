package io.ringfence.reference;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.ringfence.event.CallForwardEvent;
import io.ringfence.event.CdrEvent;
import io.ringfence.event.SipEvent;
import io.ringfence.event.TelecomEvent;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The automata answer exactly as libphonenumber does: on every example number of its metadata, on a
 * few hundred thousand numbers derived from them or drawn at random after every calling code (fixed
 * seeds, so a failure reproduces), on odd inputs, and on every number of a simulated day and of the
 * reference data. The fraud model and the rules were tuned on libphonenumber's answers.
 */
class NumberClassifierEquivalenceTest {
    private static final PhoneNumberUtil PHONE = PhoneNumberUtil.getInstance();
    private static NumberClassifier classifier;
    private static List<String> examples;

    @BeforeAll
    static void build() {
        classifier = new NumberClassifier();
        Set<String> found = new LinkedHashSet<>();
        for (String region : new TreeSet<>(PHONE.getSupportedRegions())) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                addE164(found, PHONE.getExampleNumberForType(region, type));
            }
            addE164(found, PHONE.getInvalidExampleNumber(region));
        }
        for (int cc : new TreeSet<>(PHONE.getSupportedGlobalNetworkCallingCodes())) {
            addE164(found, PHONE.getExampleNumberForNonGeoEntity(cc));
        }
        examples = List.copyOf(found);
    }

    private static void addE164(Set<String> to, PhoneNumber n) {
        if (n != null) {
            to.add(PHONE.format(n, PhoneNumberFormat.E164));
        }
    }

    @Test
    void everyExampleNumberOfTheMetadata() {
        assertThat(examples.size()).isGreaterThan(1_000);
        assertSameAnswers(examples);
    }

    @Test
    void examplesWithDigitsChangedDroppedAddedOrPrefixed() {
        SplittableRandom rnd = new SplittableRandom(20261127L);
        List<String> numbers = new ArrayList<>();
        for (String example : examples) {
            for (int i = 0; i < 200; i++) {
                String n = mutate(example, rnd);
                numbers.add(rnd.nextInt(4) == 0 ? mutate(n, rnd) : n);
            }
        }
        assertSameAnswers(numbers);
    }

    @Test
    void randomDigitsAfterEveryCallingCode() {
        SplittableRandom rnd = new SplittableRandom(4477009L);
        List<String> numbers = new ArrayList<>();
        for (int cc : new TreeSet<>(PHONE.getSupportedCallingCodes())) {
            for (int nationalLength = 0; nationalLength <= 19; nationalLength++) {
                for (int i = 0; i < 25; i++) {
                    numbers.add("+" + cc + digits(rnd, nationalLength));
                }
            }
        }
        for (int i = 0; i < 20_000; i++) {
            numbers.add("+" + digits(rnd, 4 + rnd.nextInt(14)));
        }
        assertSameAnswers(numbers);
    }

    @Test
    void nationalPrefixesAndInputsThatAreNotPlusAndDigits() {
        assertSameAnswers(List.of("", "+", "+1", "+12", "+123", "+0", "+044", "+0447700900123", "+999123456",
                "+440207946000", "+4402079460000", "+447700900123", "+12125550123", "+112125550123",
                "+79161234567", "+89161234567", "+789161234567", "+5491123456789", "+541115123456",
                "+54111512345678", "+5411234567", "+2680123456", "+12684601234", "+1441292123", "+3906698123",
                "+390669812345", "+390000", "+3900", "+8613912345678", "+86117912345", "+2410111234567",
                "+4477009001231234567890", "+44770090012312345", "+447700900123123456",
                "447700900123", "00447700900123", "tel:+447700900123", "+44 7700 900123", "+44-7700-900123",
                "\uFF0B447700900123", "+447700900123;ext=12", "7700900123;phone-context=+44", "MYBANK",
                "sip:+447700900123@ims.example", "+44770090012a", "+١٢٣٤٥٦٧٨"));
    }

    @Test
    void everyNumberOfASimulatedDayAndOfTheReferenceData() throws IOException {
        Set<String> numbers = new LinkedHashSet<>();
        Set<String> uris = new LinkedHashSet<>();
        long fields = 0;
        for (TelecomEvent e : new TrafficSimulator(new SimulationConfig(20261127L, 2_000,
                SimulationConfig.DEFAULT_START, 24, 3))) {
            List<String> found = new ArrayList<>();
            if (e instanceof CdrEvent cdr) {
                found.add(cdr.getANumber());
                found.add(cdr.getBNumber());
            } else if (e instanceof SipEvent sip) {
                uris.add(sip.getFromUri());
                uris.add(sip.getToUri());
                found.add(userOf(sip.getToUri()));
            } else if (e instanceof CallForwardEvent cf) {
                found.add(cf.getForwardTo());
            }
            for (String n : found) {
                if (n != null) {
                    fields++;
                    numbers.add(n);
                }
            }
        }
        SplittableRandom rnd = new SplittableRandom(37181L);
        for (String prefix : firstColumn("high-risk-ranges.csv")) {
            for (int length = prefix.length(); length <= 15; length++) {
                numbers.add("+" + prefix + digits(rnd, length - prefix.length()));
            }
        }
        numbers.addAll(firstColumn("irsf-test-numbers.csv"));
        assertThat(fields).isGreaterThan(50_000);

        NumberClassifier fresh = new NumberClassifier();
        numbers.forEach(fresh::classify);
        double share = (double) fresh.askedLibrary() / fresh.classified();
        System.out.printf("simulated day and reference data: %,d distinct numbers among %,d fields, %.3f %% "
                + "answered by libphonenumber%n", numbers.size(), fields, 100 * share);
        assertThat(share).as("share of numbers the automata leave to libphonenumber").isLessThan(0.01);
        assertSameAnswers(numbers);
        uris.remove(null);
        assertSameAnswers(uris);
    }

    @Test
    void everyCallingCodeCompiles() {
        assertThat(classifier.unplannedCallingCodes()).isZero();
    }

    private static void assertSameAnswers(Iterable<String> numbers) {
        List<String> mismatches = new ArrayList<>();
        int count = 0;
        for (String n : numbers) {
            count++;
            int fast = classifier.classify(n);
            int library = NumberClassifier.byLibrary(n);
            if (fast != library) {
                mismatches.add(n + ": automata " + describe(fast) + ", libphonenumber " + describe(library));
            }
        }
        assertThat(count).isPositive();
        assertThat(mismatches).as("%d of %d numbers answered differently", mismatches.size(), count).isEmpty();
    }

    private static String describe(int classification) {
        return "+" + NumberClassifier.countryCode(classification) + " " + NumberClassifier.type(classification);
    }

    private static String mutate(String e164, SplittableRandom rnd) {
        StringBuilder s = new StringBuilder(e164);
        // Leave the calling code (at most three digits after '+') alone most of the time.
        int from = rnd.nextInt(5) == 0 ? 1 : Math.min(4, s.length());
        int span = s.length() - from;
        switch (rnd.nextInt(8)) {
            case 0 -> {
                if (span > 0) {
                    s.setCharAt(from + rnd.nextInt(span), digit(rnd));
                }
            }
            case 1 -> s.setLength(Math.max(1, s.length() - 1 - rnd.nextInt(4)));
            case 2 -> s.append(digits(rnd, 1 + rnd.nextInt(4)));
            case 3 -> s.insert(from + (span > 0 ? rnd.nextInt(span + 1) : 0), digit(rnd));
            case 4 -> {
                if (span > 0) {
                    s.deleteCharAt(from + rnd.nextInt(span));
                }
            }
            case 5 -> {
                // National prefixes and trunk digits right after the calling code.
                String[] prefixes = {"0", "1", "8", "9", "00", "06", "15", "80", "11", "90"};
                s.insert(Math.min(s.length(), 1 + ccDigits(s)), prefixes[rnd.nextInt(prefixes.length)]);
            }
            case 6 -> {
                int keep = from + (span > 0 ? rnd.nextInt(span) : 0);
                int length = s.length();
                s.setLength(keep);
                s.append(digits(rnd, Math.max(0, length - keep + rnd.nextInt(3) - 1)));
            }
            default -> {
                for (int i = 0; i < 3 && span > 0; i++) {
                    s.setCharAt(from + rnd.nextInt(span), digit(rnd));
                }
            }
        }
        return s.toString();
    }

    private static int ccDigits(CharSequence e164) {
        for (int i = 1; i <= 3 && i < e164.length(); i++) {
            String code = e164.subSequence(1, 1 + i).toString();
            if (code.charAt(0) != '0' && PHONE.getSupportedCallingCodes().contains(Integer.parseInt(code))) {
                return i;
            }
        }
        return 0;
    }

    private static String digits(SplittableRandom rnd, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(digit(rnd));
        }
        return s.toString();
    }

    private static char digit(SplittableRandom rnd) {
        return (char) ('0' + rnd.nextInt(10));
    }

    private static String userOf(String uri) {
        if (uri == null) {
            return null;
        }
        int start = uri.indexOf(':') + 1;
        int end = uri.indexOf('@', start);
        return end < 0 ? uri.substring(start) : uri.substring(start, end);
    }

    private static List<String> firstColumn(String file) throws IOException {
        List<String> values = new ArrayList<>();
        try (InputStream in = NumberClassifierEquivalenceTest.class.getClassLoader()
                .getResourceAsStream("reference/" + file);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                String value = line.split(",", 2)[0].trim();
                if (!line.startsWith("#") && !value.isEmpty() && Character.isDigit(value.charAt(value.length() - 1))) {
                    values.add(value);
                }
            }
        }
        return values;
    }
}
