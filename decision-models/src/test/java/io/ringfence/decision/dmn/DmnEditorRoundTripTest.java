package io.ringfence.decision.dmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringfence.detection.Severity;
import io.ringfence.detection.Subject;
import io.ringfence.detection.Typology;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The disposition model survives the KIE DMN editor: the fixtures are what {@code @kie-tools/dmn-editor-standalone}
 * 10.2.0 wrote when it opened {@code disposition.dmn} and saved it (DMN 1.6), and what it wrote when it opened the
 * engine's (converted, DMN 1.5) form of that and saved again. Regenerate them whenever disposition.dmn changes (see
 * decision-models/editor/README.md).
 */
class DmnEditorRoundTripTest {

    static final String SOURCE = "/io/ringfence/decision/disposition.dmn";
    static final String WRITTEN = "/editor/disposition.written-by-dmn-editor-10.2.0.dmn";
    static final String SECOND = "/editor/disposition.second-round-trip.written-by-dmn-editor-10.2.0.dmn";
    static final String STALE = "if disposition.dmn changed since the editor fixtures were written, regenerate them: "
            + "sh decision-models/editor/regenerate-fixtures.sh (decision-models/editor/README.md)";

    /** Evaluations in the sweep: the full product of the inputs that fit, seeded picks for the rest. */
    static final int SWEEP_BUDGET = 60_000;

    static byte[] source;
    static byte[] written;
    static byte[] converted;
    static byte[] convertedAgain;

    @BeforeAll
    static void load() {
        source = KieModels.resource(SOURCE);
        written = KieModels.resource(WRITTEN);
        converted = accept(written).dmn();
        convertedAgain = accept(KieModels.resource(SECOND)).dmn();
    }

    static DmnUpload.Accepted accept(byte[] dmn) {
        DmnUpload.Result result = new DmnUpload().prepare(dmn);
        assertThat(result).as("upload result").isInstanceOf(DmnUpload.Accepted.class);
        return (DmnUpload.Accepted) result;
    }

    @Test
    void theFixtureIsDmn16AsTheEditorWritesIt() {
        DmnUpload.Accepted accepted = accept(written);
        assertThat(accepted.uploadedVersion()).isEqualTo(DmnVersion.DMN_1_6);
        assertThat(accepted.converted()).isTrue();
        assertThat(accepted.engineVersion()).isEqualTo(DmnVersion.DMN_1_5);
        String text = new String(accepted.dmn(), StandardCharsets.UTF_8);
        assertThat(text).contains(DmnVersion.DMN_1_5.modelNamespace()).doesNotContain("20240513");
        assertThat(accept(source).uploadedVersion()).as("the source model").isEqualTo(DmnVersion.DMN_1_5);
        assertThat(accept(source).dmn()).as("DMN 1.5 passes unchanged").isEqualTo(source);
    }

    @Test
    void theConvertedFixtureCompilesInKie101WithoutErrors() {
        KieModels.Compiled model = KieModels.compile(converted, "disposition.dmn");
        assertThat(model.errors()).as("KIE compile errors").isEmpty();
        assertThat(model.model.getDecisions()).extracting(d -> d.getName())
                .containsExactlyInAnyOrderElementsOf(KieModels.compile(source, "disposition.dmn").model.getDecisions()
                        .stream().map(d -> d.getName()).toList());
    }

    @Test
    void theConvertedFixtureDecidesExactlyLikeTheSourceModel() {
        assertSameDecisions(converted, "the editor's output, converted");
    }

    @Test
    void theEditorChangesOnlyIdsOrderAndFormatting() {
        XmlCompare.Differences d = XmlCompare.compare(source, converted);
        assertThat(d.other()).as("changes beyond ids, element order and formatting; " + STALE).isEmpty();
        System.out.println("[editor round trip] ids the editor added: " + d.idsAdded());
    }

    @Test
    void aSecondRoundTripChangesNothing() {
        XmlCompare.Differences d = XmlCompare.compare(converted, convertedAgain);
        assertThat(d.other()).as("the second round trip changed the model").isEmpty();
        assertThat(d.idsAdded()).as("the second round trip added ids").isEmpty();
        assertThat(convertedAgain).as("the editor is deterministic on its own output: byte for byte")
                .isEqualTo(converted);
        assertSameDecisions(convertedAgain, "the second round trip, converted");
    }

    /** Sweeps the inputs the source model suggests and compares every decision, result and matched row. */
    static void assertSameDecisions(byte[] candidate, String what) {
        KieModels.Compiled expected = KieModels.compile(source, "disposition.dmn");
        KieModels.Compiled actual = KieModels.compile(candidate, "disposition.dmn");
        assertThat(expected.errors()).as("source compile errors").isEmpty();
        assertThat(actual.errors()).as(what + ": compile errors").isEmpty();

        List<KieModels.Dimension> dimensions = KieModels.dimensions(expected.model, domainValues());
        List<Map<String, Object>> inputs = sweep(dimensions, SWEEP_BUDGET, 20261126L);
        Map<String, TreeSet<Integer>> rowsSeen = new TreeMap<>();
        int compared = 0;
        for (Map<String, Object> input : inputs) {
            String want = expected.evaluate(input);
            expected.selectedRows.forEach((table, rows) -> rowsSeen.computeIfAbsent(table, t -> new TreeSet<>()).addAll(rows));
            String got = actual.evaluate(input);
            if (!want.equals(got)) {
                throw new AssertionError(what + " decides differently for " + input + "\n  source:    " + want
                        + "\n  candidate: " + got + "\n" + STALE);
            }
            compared++;
        }
        assertThat(compared).isGreaterThan(1000);
        StringBuilder summary = new StringBuilder("[editor round trip] " + what + ": " + compared
                + " input combinations decided alike; levels per input:");
        for (KieModels.Dimension d : dimensions) {
            summary.append(' ').append(d.name()).append('=').append(d.levels().size());
        }
        summary.append("; rows matched per table (1-based): ").append(rowsSeen);
        System.out.println(summary);
    }

    /** Values a string input may take that the model itself does not list: the project's own enums. */
    static Map<String, List<String>> domainValues() {
        Map<String, List<String>> extra = new HashMap<>();
        extra.put("typology", Arrays.stream(Typology.values()).map(Enum::name).toList());
        extra.put("severity", Arrays.stream(Severity.values()).map(Enum::name).toList());
        extra.put("subjectKind", Arrays.stream(Subject.Kind.values()).map(Enum::name).toList());
        return extra;
    }

    /**
     * The full product of the string and boolean inputs and of the number inputs the rows test most, as long as it
     * stays within {@code budget}; the other inputs take seeded random levels in each combination.
     */
    static List<Map<String, Object>> sweep(List<KieModels.Dimension> dimensions, int budget, long seed) {
        List<KieModels.Dimension> full = new ArrayList<>();
        List<KieModels.Dimension> rest = new ArrayList<>();
        long size = 1;
        for (KieModels.Dimension d : dimensions) {
            if (!d.baseType().equals("number")) {
                full.add(d);
                size *= d.levels().size();
            }
        }
        List<KieModels.Dimension> numbers = new ArrayList<>(dimensions.stream()
                .filter(d -> d.baseType().equals("number")).toList());
        numbers.sort(Comparator.comparingInt(KieModels.Dimension::rowsTestingIt).reversed());
        for (KieModels.Dimension d : numbers) {
            if (size * d.levels().size() <= budget) {
                full.add(d);
                size *= d.levels().size();
            } else {
                rest.add(d);
            }
        }
        Random random = new Random(seed);
        List<Map<String, Object>> out = new ArrayList<>();
        int[] index = new int[full.size()];
        while (true) {
            Map<String, Object> input = new LinkedHashMap<>();
            for (int i = 0; i < full.size(); i++) {
                input.put(full.get(i).name(), full.get(i).levels().get(index[i]));
            }
            for (KieModels.Dimension d : rest) {
                input.put(d.name(), d.levels().get(random.nextInt(d.levels().size())));
            }
            out.add(input);
            int i = 0;
            while (i < index.length && ++index[i] == full.get(i).levels().size()) {
                index[i] = 0;
                i++;
            }
            if (i == index.length) {
                return out;
            }
        }
    }
}
