package io.ringfence.decision;

import io.ringfence.contract.DispositionInput;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario the table does not decide as its file says.
 *
 * @param mismatches each output that differs; for a table that fails on the input, one mismatch named
 *                   {@code evaluation} whose actual value is the engine's message
 */
public record ScenarioFailure(String scenario, int line, DispositionInput input, List<Mismatch> mismatches) {
    public ScenarioFailure {
        mismatches = List.copyOf(mismatches);
    }

    /** @param expected and actual as a scenario file writes them ({@code none} for no value) */
    public record Mismatch(String output, String expected, String actual) {
    }

    /** One line an analyst can read: the name first, because that is what they look up in the file. */
    public String message() {
        return "scenario '" + scenario + "' (line " + line + "): "
                + mismatches.stream().map(m -> m.output() + " expected " + m.expected() + ", got " + m.actual())
                .collect(Collectors.joining("; "))
                + " [input " + describe(input) + "]";
    }

    static String describe(DispositionInput in) {
        return "typology=" + in.typology() + ", ruleId=" + in.ruleId() + ", severity=" + in.severity()
                + ", score=" + (in.score() == null ? "" : in.score()) + ", subjectKind=" + in.subjectKind()
                + ", segment=" + in.segment() + ", customerValue=" + ScenarioFile.plain(in.customerValue())
                + ", repeatOffences=" + in.repeatOffences() + ", exposure=" + ScenarioFile.plain(in.exposure())
                + ", origin=" + in.origin()
                + (in.accountAgeDays() == null ? "" : ", accountAgeDays=" + in.accountAgeDays())
                + (in.enterprise() ? ", enterprise=true" : "");
    }
}
