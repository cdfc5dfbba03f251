package io.ringfence.reference;

import java.util.List;
import java.util.Set;

/**
 * The operator Ringfence protects, in the contract's network profile format: what is home, what is a
 * roaming partner, and which trunks carry traffic from abroad. Anything not listed is foreign.
 */
public record NetworkProfile(String countryCode, List<String> homePlmns, List<String> globalTitlePrefixes,
                             List<String> diameterRealms, List<String> internationalTrunks,
                             List<RoamingPartner> roamingPartners) {

    public NetworkProfile {
        homePlmns = List.copyOf(homePlmns == null ? List.of() : homePlmns);
        globalTitlePrefixes = List.copyOf(globalTitlePrefixes == null ? List.of() : globalTitlePrefixes);
        diameterRealms = List.copyOf(diameterRealms == null ? List.of() : diameterRealms);
        internationalTrunks = List.copyOf(internationalTrunks == null ? List.of() : internationalTrunks);
        roamingPartners = List.copyOf(roamingPartners == null ? List.of() : roamingPartners);
    }

    /**
     * @param borderCells prefixes of home cell ids whose coverage reaches this partner's network (a coast or a
     *                    border in sight of it): a phone last seen in one of them can attach to the partner
     *                    within minutes, so a location plausibility check must not count the travel time
     *                    from there. Optional (a Ringfence extension of the profile); none by default.
     */
    public record RoamingPartner(String plmn, List<String> globalTitlePrefixes, List<String> diameterRealms,
                                 List<String> borderCells) {
        public RoamingPartner {
            globalTitlePrefixes = List.copyOf(globalTitlePrefixes == null ? List.of() : globalTitlePrefixes);
            diameterRealms = List.copyOf(diameterRealms == null ? List.of() : diameterRealms);
            borderCells = List.copyOf(borderCells == null ? List.of() : borderCells);
        }

        public RoamingPartner(String plmn, List<String> globalTitlePrefixes, List<String> diameterRealms) {
            this(plmn, globalTitlePrefixes, diameterRealms, null);
        }

        /** The home cell is in this partner's border area. */
        public boolean reachableFrom(String homeCell) {
            return homeCell != null && startsWithAny(homeCell, borderCells);
        }
    }

    /** The partner whose global titles this GT starts with (the first in file order), or null. */
    public RoamingPartner partnerOfGlobalTitle(String gt) {
        if (gt == null || gt.isEmpty() || startsWithAny(gt, globalTitlePrefixes)) {
            return null;
        }
        for (RoamingPartner p : roamingPartners) {
            if (startsWithAny(gt, p.globalTitlePrefixes())) {
                return p;
            }
        }
        return null;
    }

    /** The partner this realm belongs to, or null. */
    public RoamingPartner partnerOfRealm(String realm) {
        if (realm == null || realm.isEmpty() || containsIgnoreCase(diameterRealms, realm)) {
            return null;
        }
        for (RoamingPartner p : roamingPartners) {
            if (containsIgnoreCase(p.diameterRealms(), realm)) {
                return p;
            }
        }
        return null;
    }

    /** Where a signaling request came from, as far as this profile can tell. */
    public enum Origin { HOME, PARTNER, FOREIGN, NONE }

    public int countryCallingCode() {
        return Integer.parseInt(countryCode);
    }

    public boolean isInternationalTrunk(String trunk) {
        return trunk != null && internationalTrunks.contains(trunk);
    }

    public Origin classifyGlobalTitle(String gt) {
        if (gt == null || gt.isEmpty()) {
            return Origin.NONE;
        }
        if (startsWithAny(gt, globalTitlePrefixes)) {
            return Origin.HOME;
        }
        for (RoamingPartner p : roamingPartners) {
            if (startsWithAny(gt, p.globalTitlePrefixes())) {
                return Origin.PARTNER;
            }
        }
        return Origin.FOREIGN;
    }

    public Origin classifyRealm(String realm) {
        if (realm == null || realm.isEmpty()) {
            return Origin.NONE;
        }
        // DNS names: realms compare without regard to case, in the profile as on the wire.
        if (containsIgnoreCase(diameterRealms, realm)) {
            return Origin.HOME;
        }
        for (RoamingPartner p : roamingPartners) {
            if (containsIgnoreCase(p.diameterRealms(), realm)) {
                return Origin.PARTNER;
            }
        }
        return Origin.FOREIGN;
    }

    public Set<String> partnerPlmns() {
        return roamingPartners.stream().map(RoamingPartner::plmn).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static boolean containsIgnoreCase(List<String> values, String value) {
        for (String v : values) {
            if (v.equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String value, List<String> prefixes) {
        for (String p : prefixes) {
            if (value.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
