package io.ringfence.reference;

import io.ringfence.event.NumberInfo;
import io.ringfence.event.NumberLookupAnswer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class NumberIntelLookupTest {
    private static final ReferenceData DATA = ReferenceDataLoader.defaults().load();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private NumberIntel intel(NumberLookupAnswer.Status status, double risk) {
        return new NumberIntel(DATA, n -> {
            asked.add(n);
            return new NumberLookupAnswer(n, "hlr:test", 0, status, "Some Carrier", null, risk);
        });
    }

    @Test
    void aForeignNumberTheServiceSaysIsNotAssignedIsHighCostAndCarriesTheAnswer() {
        NumberInfo info = intel(NumberLookupAnswer.Status.UNASSIGNED, 0).info("+33612345678");

        assertThat(info.isHighCost()).isTrue();
        assertThat(info.getRangeRisk()).isEqualTo(NumberIntel.UNASSIGNED_RISK);
        assertThat(info.getRangeLabel()).isEqualTo("Some Carrier");
        assertThat(info.getLookup().number()).isEqualTo("+33612345678");
        assertThat(info.getCountryCode()).isEqualTo(33);
        assertThat(info.getNumberType()).isEqualTo("MOBILE");
    }

    @Test
    void anAssignedNumberWithoutRiskStaysOrdinaryButCarriesTheAnswer() {
        NumberInfo info = intel(NumberLookupAnswer.Status.ASSIGNED, 0).info("+33612345678");

        assertThat(info.isHighCost()).isFalse();
        assertThat(info.getRangeLabel()).isNull();
        assertThat(info.getLookup().status()).isEqualTo(NumberLookupAnswer.Status.ASSIGNED);
    }

    @Test
    void theServicesRiskMakesANumberHighCostOnlyFromTheMinimumUp() {
        NumberInfo baseline = intel(NumberLookupAnswer.Status.ASSIGNED, 0.2).info("+33612345678");
        NumberInfo risky = intel(NumberLookupAnswer.Status.ASSIGNED, 0.6).info("+33612345678");

        assertThat(baseline.isHighCost()).as("a vendor's baseline risk is not a risk").isFalse();
        assertThat(baseline.getLookup()).isNotNull();
        assertThat(risky.isHighCost()).isTrue();
        assertThat(risky.getRangeRisk()).isEqualTo(0.6);
        assertThat(risky.getRangeLabel()).isEqualTo("Some Carrier");
    }

    @Test
    void aLookupThatThrowsCostsTheNumberItsAnswerNotTheEvent() {
        NumberIntel intel = new NumberIntel(DATA, n -> {
            throw new IllegalStateException("an operator's plug-in failed");
        });

        assertThat(intel.info("+882130012345").getRangeRisk()).isEqualTo(0.95);
        assertThat(intel.info("+33612345678").getLookup()).isNull();
    }

    @Test
    void aListedRangeKeepsItsLabelAndTheHigherOfTheTwoRisks() {
        NumberInfo low = intel(NumberLookupAnswer.Status.ASSIGNED, 0.1).info("+882130012345");
        NumberInfo high = intel(NumberLookupAnswer.Status.ASSIGNED, 0.99).info("+882130012345");

        assertThat(low.getRangeRisk()).isEqualTo(0.95);
        assertThat(high.getRangeRisk()).isEqualTo(0.99);
        assertThat(high.getRangeLabel()).isEqualTo("International Networks");
    }

    @Test
    void homeNumbersShortCodesAndUnparsableNumbersAreNeverAsked() {
        NumberIntel intel = intel(NumberLookupAnswer.Status.UNASSIGNED, 1);

        assertThat(intel.info("+447700900123").getLookup()).isNull();
        assertThat(intel.info("12345").getLookup()).isNull();
        assertThat(intel.info("BANK").getLookup()).isNull();
        assertThat(intel.info("+999123").getLookup()).isNull();
        assertThat(asked).isEmpty();
    }

    @Test
    void withoutAServiceTheOfflineTablesAnswerAlone() {
        NumberInfo info = new NumberIntel(DATA).info("+33612345678");

        assertThat(info.getLookup()).isNull();
        assertThat(info.isHighCost()).isFalse();
    }
}
