package io.ringfence.reference;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles one calling code's metadata into a {@link CallingCodePlan} that answers as
 * {@code PhoneNumberUtil.parse(number, "ZZ")} followed by {@code getNumberType} do in libphonenumber
 * 8.13 (read from its source): the national-prefix stripping of {@code parseHelper}, the region
 * choice of {@code getRegionCodeForNumberFromRegionList} and the order of tests in
 * {@code getNumberTypeHelper}. National prefixes are stripped as parse strips them where the prefix
 * pattern can match only one way ("0", "1", "8", "[08]", "(183[12])|0"); where a transform rule or
 * nested optional parts could change the number differently, the plan answers
 * {@link CallingCodePlan#ASK_LIBRARY} rather than model Java's backtracking.
 */
final class CallingCodePlanCompiler {
    private static final String NON_GEO = "001";
    /** libphonenumber's MIN_LENGTH_FOR_NSN: shorter national numbers fail to parse. */
    private static final int MIN_NATIONAL_LENGTH = 2;
    /** Enough for the largest calling code (+1, two dozen regions) with room for new metadata. */
    private static final int MAX_STATES = 200_000;

    private enum Kind { FULL, PREFIX, NON_EMPTY_PREFIX }

    /** One way a number can be satisfied by a pattern; identical patterns share one feature. */
    private record Feature(Kind kind, String regex) { }

    /** A number description: its pattern's feature (-1 for an empty pattern) and possible lengths. */
    private record Desc(int feature, List<Integer> lengths) { }

    /** A region's descriptions in the order {@code getNumberTypeHelper} tests them. */
    private record Region(Desc general, List<Desc> specialTypes, Desc fixedLine, Desc mobile,
                          boolean sameMobileAndFixedLine, int leadingDigits) { }

    /** The types that {@code getNumberTypeHelper} tries before fixed line and mobile, in its order. */
    private static final PhoneNumberType[] SPECIAL_TYPES = {PhoneNumberType.PREMIUM_RATE,
            PhoneNumberType.TOLL_FREE, PhoneNumberType.SHARED_COST, PhoneNumberType.VOIP,
            PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.PAGER, PhoneNumberType.UAN,
            PhoneNumberType.VOICEMAIL};

    private final Map<Feature, Integer> features = new HashMap<>();
    private final DigitNfa nfa = new DigitNfa();

    private CallingCodePlanCompiler() {
    }

    /**
     * @throws IllegalArgumentException if a pattern uses syntax beyond {@link DigitPattern}'s
     * @throws IllegalStateException if the automaton grows past its bound
     */
    static CallingCodePlan compile(PhoneNumberUtil util, MetadataSource source, int countryCode) {
        return new CallingCodePlanCompiler().plan(util, source, countryCode);
    }

    private CallingCodePlan plan(PhoneNumberUtil util, MetadataSource source, int countryCode) {
        List<String> regionCodes = util.getRegionCodesForCountryCode(countryCode);
        List<Region> regions = new ArrayList<>();
        for (String code : regionCodes) {
            PhoneMetadata m = NON_GEO.equals(code)
                    ? source.getMetadataForNonGeographicalRegion(countryCode) : source.getMetadataForRegion(code);
            regions.add(region(m, regionCodes.size() > 1));
        }
        // parse() strips the national prefix of the calling code's main region, whatever the number.
        PhoneMetadata main = NON_GEO.equals(regionCodes.get(0))
                ? source.getMetadataForNonGeographicalRegion(countryCode) : source.getMetadataForRegion(regionCodes.get(0));
        String nationalPrefix = main.getNationalPrefixForParsing();
        int prefixFeature = nationalPrefix.isEmpty() ? -1 : feature(Kind.NON_EMPTY_PREFIX, nationalPrefix);
        boolean alwaysAsk = emptyMatchTransforms(nationalPrefix, main.getNationalPrefixTransformRule());

        DigitDfa dfa = DigitDfa.of(nfa, MAX_STATES);
        int lengths = CallingCodePlan.MAX_NATIONAL_LENGTH + 1;
        int signatures = dfa.signatures.size();
        byte[] type = new byte[signatures * lengths];
        boolean[] prefixMatched = new boolean[signatures];
        boolean[] viable = new boolean[signatures];
        int mainGeneral = regions.get(0).general.feature;
        for (int sig = 0; sig < signatures; sig++) {
            BitSet satisfied = dfa.signatures.get(sig);
            prefixMatched[sig] = prefixFeature >= 0 && satisfied.get(prefixFeature);
            viable[sig] = mainGeneral >= 0 && satisfied.get(mainGeneral);
            for (int length = 0; length < lengths; length++) {
                type[sig * lengths + length] = length < MIN_NATIONAL_LENGTH
                        ? CallingCodePlan.NOT_A_NUMBER : (byte) typeOf(regions, satisfied, length).ordinal();
            }
        }
        String transformRule = main.getNationalPrefixTransformRule();
        DigitDfa prefix = transformRule == null || transformRule.isEmpty() ? strippablePrefix(nationalPrefix) : null;
        boolean[] prefixEnds = null;
        boolean[] keepsStripped = new boolean[lengths];
        if (prefix != null && !main.getGeneralDesc().getPossibleLengthList().isEmpty()) {
            prefixEnds = accepting(prefix);
            for (int length = 0; length < lengths; length++) {
                keepsStripped[length] = keepsStripped(main.getGeneralDesc(), length);
            }
        }
        return new CallingCodePlan(dfa.next, dfa.signature, type, prefixMatched, viable,
                prefixEnds == null ? null : prefix.next, prefixEnds, keepsStripped, alwaysAsk);
    }

    /**
     * The national-prefix pattern as an automaton of its own if Java's {@code lookingAt} can only
     * match one thing at the start of a number: no {@code $}, and no member of the pattern a prefix
     * of another ("0", "[08]", "(183[12])|0" qualify; "0|80?" does not). Null otherwise.
     */
    private static DigitDfa strippablePrefix(String nationalPrefix) {
        if (nationalPrefix.isEmpty() || nationalPrefix.contains("$")) {
            return null;
        }
        DigitNfa alone = new DigitNfa();
        alone.addFullMatch(DigitPattern.parse(nationalPrefix), 0);
        DigitDfa dfa = DigitDfa.of(alone, MAX_STATES);
        boolean[] accepting = accepting(dfa);
        for (int state = 0; state < dfa.states(); state++) {
            if (accepting[state] && reachesAccepting(dfa, state, accepting)) {
                return null;
            }
        }
        return dfa;
    }

    private static boolean[] accepting(DigitDfa dfa) {
        boolean[] accepting = new boolean[dfa.states()];
        for (int state = 0; state < dfa.states(); state++) {
            accepting[state] = dfa.signatures.get(dfa.signature[state]).get(0);
        }
        return accepting;
    }

    /** Whether one or more digits lead from {@code from} to an accepting state. */
    private static boolean reachesAccepting(DigitDfa dfa, int from, boolean[] accepting) {
        boolean[] seen = new boolean[dfa.states()];
        ArrayDeque<Integer> pending = new ArrayDeque<>();
        pending.add(from);
        while (!pending.isEmpty()) {
            int state = pending.poll();
            for (int d = 0; d < 10; d++) {
                int to = dfa.next[state * 10 + d];
                if (accepting[to]) {
                    return true;
                }
                if (!seen[to]) {
                    seen[to] = true;
                    pending.add(to);
                }
            }
        }
        return false;
    }

    /**
     * parseHelper keeps a stripped number unless {@code testNumberLength} (for an unknown type, so
     * against the general description) finds it too short, local only or of an invalid length.
     */
    private static boolean keepsStripped(PhoneNumberDesc general, int length) {
        List<Integer> possible = general.getPossibleLengthList();
        if (possible.get(0) == -1 || general.getPossibleLengthLocalOnlyList().contains(length)) {
            return false;
        }
        int min = possible.get(0);
        if (length == min) {
            return true;
        }
        if (length < min) {
            return false;
        }
        return length > possible.get(possible.size() - 1) || possible.subList(1, possible.size()).contains(length);
    }

    /**
     * An empty national prefix strips nothing, unless a transform rule rewrites the number from a
     * group that took part in the empty match. Java answers that here; if it does, the plan asks
     * the library for every number of the calling code.
     */
    private static boolean emptyMatchTransforms(String nationalPrefix, String transformRule) {
        if (nationalPrefix.isEmpty() || transformRule == null || transformRule.isEmpty()) {
            return false;
        }
        Matcher m = Pattern.compile(nationalPrefix).matcher("");
        return m.lookingAt() && m.group(m.groupCount()) != null;
    }

    private Region region(PhoneMetadata m, boolean sharedCallingCode) {
        List<Desc> special = new ArrayList<>();
        for (PhoneNumberDesc d : new PhoneNumberDesc[] {m.getPremiumRate(), m.getTollFree(), m.getSharedCost(),
                m.getVoip(), m.getPersonalNumber(), m.getPager(), m.getUan(), m.getVoicemail()}) {
            special.add(desc(d));
        }
        // Leading digits only choose between regions that share a calling code.
        int leading = sharedCallingCode && m.hasLeadingDigits() ? feature(Kind.PREFIX, m.getLeadingDigits()) : -1;
        return new Region(desc(m.getGeneralDesc()), special, desc(m.getFixedLine()), desc(m.getMobile()),
                m.getSameMobileAndFixedLinePattern(), leading);
    }

    private Desc desc(PhoneNumberDesc d) {
        String regex = d.getNationalNumberPattern();
        // An empty pattern matches nothing in libphonenumber, though as a regex it would match "".
        int feature = regex.isEmpty() ? -1 : feature(Kind.FULL, regex);
        return new Desc(feature, List.copyOf(d.getPossibleLengthList()));
    }

    private int feature(Kind kind, String regex) {
        return features.computeIfAbsent(new Feature(kind, regex), f -> {
            int id = features.size();
            DigitPattern.Node pattern = DigitPattern.parse(regex);
            switch (kind) {
                case FULL -> nfa.addFullMatch(pattern, id);
                case PREFIX -> nfa.addPrefixMatch(pattern, id);
                case NON_EMPTY_PREFIX -> nfa.addNonEmptyPrefixMatch(pattern, id);
            }
            return id;
        });
    }

    /** {@code getNumberType}: the region as {@code getRegionCodeForNumber} picks it, then its type. */
    private static PhoneNumberType typeOf(List<Region> regions, BitSet satisfied, int length) {
        if (regions.size() == 1) {
            return typeIn(regions.get(0), satisfied, length);
        }
        for (Region r : regions) {
            if (r.leadingDigits >= 0) {
                if (satisfied.get(r.leadingDigits)) {
                    return typeIn(r, satisfied, length);
                }
            } else {
                PhoneNumberType type = typeIn(r, satisfied, length);
                if (type != PhoneNumberType.UNKNOWN) {
                    return type;
                }
            }
        }
        return PhoneNumberType.UNKNOWN;
    }

    /** {@code getNumberTypeHelper}. */
    private static PhoneNumberType typeIn(Region r, BitSet satisfied, int length) {
        if (!matches(r.general, satisfied, length)) {
            return PhoneNumberType.UNKNOWN;
        }
        for (int i = 0; i < SPECIAL_TYPES.length; i++) {
            if (matches(r.specialTypes.get(i), satisfied, length)) {
                return SPECIAL_TYPES[i];
            }
        }
        if (matches(r.fixedLine, satisfied, length)) {
            return r.sameMobileAndFixedLine || matches(r.mobile, satisfied, length)
                    ? PhoneNumberType.FIXED_LINE_OR_MOBILE : PhoneNumberType.FIXED_LINE;
        }
        return !r.sameMobileAndFixedLine && matches(r.mobile, satisfied, length)
                ? PhoneNumberType.MOBILE : PhoneNumberType.UNKNOWN;
    }

    /** {@code isNumberMatchingDesc}. */
    private static boolean matches(Desc d, BitSet satisfied, int length) {
        if (!d.lengths.isEmpty() && !d.lengths.contains(length)) {
            return false;
        }
        return d.feature >= 0 && satisfied.get(d.feature);
    }
}
