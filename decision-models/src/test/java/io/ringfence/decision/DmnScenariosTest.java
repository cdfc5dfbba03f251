package io.ringfence.decision;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The analysts' scenarios beside the shipped table hold on it, cover each of its rows, and catch a table edited to
 * decide otherwise; a file with mistakes is refused line by line.
 */
class DmnScenariosTest {
    private static final String HEADER = "scenario,typology,ruleId,severity,score,subjectKind,segment,customerValue,"
            + "repeatOffences,exposure,origin,expect.action,expect.blockHours\n";

    @Test
    void theShippedScenariosHoldOnTheShippedTable() {
        DmnScenarios.Outcome outcome = DmnScenarios.shipped().run(DecisionModel.shipped());

        assertThat(outcome.failures()).extracting(ScenarioFailure::message).isEmpty();
        assertThat(outcome.scenarios()).isBetween(20, 60);
    }

    @Test
    void everyDispositionRowIsTheExpectedRowOfAScenario() throws IOException {
        Set<String> expectedRows = new TreeSet<>();
        DmnScenarios.shipped().scenarios().forEach(s -> expectedRows.add((String) s.expected().get("row")));
        Set<String> rows = new TreeSet<>();
        Matcher m = Pattern.compile("<dmn:rule id=\"(disposition-[^\"]+)\"").matcher(shippedDmn());
        while (m.find()) {
            rows.add(m.group(1));
        }

        assertThat(rows).hasSizeGreaterThan(20);
        assertThat(expectedRows).as("disposition rows no scenario names").containsAll(rows);
    }

    @Test
    void aTableEditedToDecideOtherwiseFailsWithTheScenariosName() throws IOException {
        // The analyst's slip: a one-ring wangiri now blocks for a day instead of a week.
        String dmn = shippedDmn();
        String row = "<dmn:outputEntry id=\"disposition-wangiri-o4\">\n          <dmn:text>168</dmn:text>";
        assertThat(dmn).contains(row);
        DecisionModel edited = DecisionModel.compile(dmn.replace(row, row.replace("168", "24"))
                .getBytes(StandardCharsets.UTF_8), "edited");

        DmnScenarios.Outcome outcome = DmnScenarios.shipped().run(edited);

        assertThat(outcome.failures()).extracting(ScenarioFailure::scenario).containsExactly(
                "wangiri one-ring blocks the number without a case", "a VIP segment does not shield a number");
        ScenarioFailure first = outcome.failures().get(0);
        assertThat(first.mismatches()).containsExactly(new ScenarioFailure.Mismatch("blockHours", "168", "24"));
        assertThat(first.message()).startsWith("scenario 'wangiri one-ring blocks the number without a case' (line ")
                .contains("blockHours expected 168, got 24").contains("typology=WANGIRI").contains("subjectKind=NUMBER");
    }

    @Test
    void aTableThatCannotDecideAScenarioFailsItAndTheRunGoesOn() throws IOException {
        String dmn = shippedDmn();
        String action = "<dmn:outputEntry id=\"disposition-test-line-o1\">\n          <dmn:text>\"ALLOW\"</dmn:text>";
        assertThat(dmn).contains(action);
        DecisionModel broken = DecisionModel.compile(dmn.replace(action, action.replace("ALLOW", "LET_THROUGH"))
                .getBytes(StandardCharsets.UTF_8), "broken");

        DmnScenarios.Outcome outcome = DmnScenarios.shipped().run(broken);

        assertThat(outcome.failures()).hasSize(1);
        assertThat(outcome.failures().get(0).scenario()).isEqualTo("test SIM is never acted on");
        assertThat(outcome.failures().get(0).mismatches().get(0).output()).isEqualTo("evaluation");
        assertThat(outcome.failures().get(0).mismatches().get(0).actual()).contains("LET_THROUGH");
    }

    @Test
    void emptyScoreMeansNoScoreAndNoneMeansNoQueue() {
        DmnScenarios s = DmnScenarios.parse(("scenario,typology,ruleId,severity,score,subjectKind,segment,customerValue,"
                + "repeatOffences,exposure,origin,expect.queue,expect.slaMinutes,expect.openCase\n"
                + "one-ring,WANGIRI,WANGIRI-001,HIGH,,NUMBER,CONSUMER,20,0,0,NONE,none,none,false\n")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(s.scenarios().get(0).input().score()).isNull();
        assertThat(s.scenarios().get(0).expected()).containsEntry("queue", null).containsEntry("slaMinutes", null)
                .containsEntry("openCase", false).doesNotContainKey("action");
        assertThat(s.run(DecisionModel.shipped()).passed()).isTrue();
    }

    @Test
    void fileMistakesAreReportedWithTheirLines() {
        ScenarioFileException e = catchThrowableOfType(() -> DmnScenarios.parse((
                "# a comment\n"
                + HEADER
                + "ok,IRSF,IRSF-001,HIGH,0.9,SUBSCRIBER,CONSUMER,20,0,10,NONE,BLOCK_SUBSCRIBER,72\n"
                + "comma score,IRSF,IRSF-001,HIGH,0,9,SUBSCRIBER,CONSUMER,20,0,10,NONE,BLOCK_SUBSCRIBER,72\n"
                + "bad number,IRSF,IRSF-001,HIGH,high,SUBSCRIBER,CONSUMER,20,0,10,NONE,BLOCK_SUBSCRIBER,72\n"
                + "bad action,IRSF,IRSF-001,HIGH,0.9,SUBSCRIBER,CONSUMER,20,0,10,NONE,BLOCK,72\n"
                + "ok,IRSF,IRSF-001,HIGH,0.9,SUBSCRIBER,CONSUMER,20,0,10,NONE,BLOCK_SUBSCRIBER,72\n")
                .getBytes(StandardCharsets.UTF_8)), ScenarioFileException.class);

        assertThat(e.messages()).containsExactly(
                "line 4: has 14 values, the header has 13 columns",
                "line 5: score 'high' is not a number (write 0.5, not 0,5 or 50%)",
                "line 6: expect.action 'BLOCK' is not one of [ALLOW, MONITOR, BLOCK_SUBSCRIBER, BLOCK_NUMBER, BLOCK_SOURCE, OPEN_CASE]",
                "line 7: scenario 'ok' is already named on an earlier line; names must be unique");
    }

    @Test
    void aHeaderWithAnUnknownOrMissingColumnIsRefusedWithItsLine() {
        ScenarioFileException e = catchThrowableOfType(() -> DmnScenarios.parse((
                "# comment\n\n"
                + "scenario,typology,ruleId,severity,score,subjectKind,segment,value,repeatOffences,exposure,origin,expect.action\n")
                .getBytes(StandardCharsets.UTF_8)), ScenarioFileException.class);

        assertThat(e.messages()).hasSize(2);
        assertThat(e.messages().get(0)).startsWith("line 3: unknown column 'value'");
        assertThat(e.messages().get(1)).isEqualTo("line 3: missing column(s) [customerValue]: every input of the table must have a column");
    }

    @Test
    void uploadedScenariosAddToTheLiveOnesButMayNotRestateThem() {
        DmnScenarios own = DmnScenarios.parse((HEADER
                + "test SIM is never acted on,IRSF,IRSF-001,HIGH,0.9,SUBSCRIBER,TEST,20,0,10,NONE,BLOCK_SUBSCRIBER,72\n")
                .getBytes(StandardCharsets.UTF_8));

        ScenarioFileException e = catchThrowableOfType(() -> DmnScenarios.shipped().and(own), ScenarioFileException.class);

        assertThat(e.messages()).containsExactly("line 2: scenario 'test SIM is never acted on' is already a scenario "
                + "of the live table; give yours a name of its own");
        DmnScenarios more = DmnScenarios.parse((HEADER
                + "my new one,IRSF,IRSF-001,HIGH,0.9,SUBSCRIBER,CONSUMER,20,0,10,NONE,BLOCK_SUBSCRIBER,72\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(DmnScenarios.shipped().and(more).scenarios()).hasSize(DmnScenarios.shipped().scenarios().size() + 1);
    }

    @Test
    void aChangeRestatesTheScenariosItMeansToDecideOtherwiseAndOnlyThose() throws IOException {
        String dmn = shippedDmn();
        String row = "<dmn:outputEntry id=\"disposition-wangiri-o4\">\n          <dmn:text>168</dmn:text>";
        DecisionModel twoDays = DecisionModel.compile(dmn.replace(row, row.replace("168", "48"))
                .getBytes(StandardCharsets.UTF_8), "two-days");
        String oneRing = "wangiri one-ring blocks the number without a case";
        String vip = "a VIP segment does not shield a number";

        DmnScenarios.Restated restated = DmnScenarios.shipped().restatedBy(twoDays, List.of(oneRing, vip));

        assertThat(restated.restatements()).as("in the file's order").containsExactly(
                new DmnScenarios.Restatement(oneRing, List.of(new ScenarioFailure.Mismatch("blockHours", "168", "48"))),
                new DmnScenarios.Restatement(vip, List.of(new ScenarioFailure.Mismatch("blockHours", "168", "48"))));
        assertThat(restated.scenarios().run(twoDays).failures()).extracting(ScenarioFailure::message).isEmpty();
        assertThat(restated.scenarios().run(DecisionModel.shipped()).failures()).extracting(ScenarioFailure::scenario)
                .containsExactlyInAnyOrder(oneRing, vip);
        DmnScenario before = named(DmnScenarios.shipped(), oneRing);
        DmnScenario after = named(restated.scenarios(), oneRing);
        assertThat(after.expected().keySet()).as("the same outputs checked, no fewer").isEqualTo(before.expected().keySet());
        assertThat(after.input()).isEqualTo(before.input());

        ScenarioFileException e = catchThrowableOfType(() -> DmnScenarios.shipped().restatedBy(twoDays,
                List.of("no such scenario", "test SIM is never acted on")), ScenarioFileException.class);
        assertThat(e.messages()).containsExactlyInAnyOrder(
                "'no such scenario' is not a scenario of the live table: add a new one with a scenario file",
                "'test SIM is never acted on' already decides as it expects: there is nothing to restate");
    }

    @Test
    void scenariosWrittenOutReadBackAsTheSameScenarios() {
        DmnScenarios shipped = DmnScenarios.shipped();
        String csv = new String(shipped.toCsv("restated by change 1\nsecond line"), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("# restated by change 1\n# second line\nscenario,typology,");

        DmnScenarios back = DmnScenarios.parse(csv.getBytes(StandardCharsets.UTF_8));

        assertThat(back.scenarios()).hasSameSizeAs(shipped.scenarios());
        for (int i = 0; i < shipped.scenarios().size(); i++) {
            DmnScenario a = shipped.scenarios().get(i);
            DmnScenario b = back.scenarios().get(i);
            assertThat(b.name()).isEqualTo(a.name());
            assertThat(b.input()).isEqualTo(a.input());
            assertThat(b.expected()).as(a.name()).isEqualTo(a.expected());
        }
        assertThat(back.run(DecisionModel.shipped()).passed()).isTrue();
    }

    private static DmnScenario named(DmnScenarios s, String name) {
        return s.scenarios().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    static String shippedDmn() throws IOException {
        try (InputStream in = DmnScenariosTest.class.getClassLoader().getResourceAsStream(DecisionModel.SHIPPED)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
