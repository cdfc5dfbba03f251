package io.ringfence.reference;

import java.util.Set;

/**
 * One consistent snapshot of the reference data. Replaced whole on reload, never mutated, so a rule
 * evaluation always sees one version.
 */
public record ReferenceData(String version, NetworkProfile network, HighRiskRanges highRiskRanges,
                            Set<String> irsfTestNumbers, Set<String> simboxTacs) {

    public boolean isIrsfTestNumber(String e164) {
        return e164 != null && irsfTestNumbers.contains(e164);
    }

    public boolean isSimboxTac(String tac) {
        return tac != null && simboxTacs.contains(tac);
    }
}
