package io.ringfence.decision;

import io.ringfence.contract.Action;
import io.ringfence.contract.MatchedRow;

import java.util.List;

/**
 * The disposition model's answer for one alert.
 *
 * @param priority   1 is the most urgent
 * @param blockHours how long a block lasts before it lifts by itself; 0 when nothing is blocked
 * @param caseQueue  the queue a new case goes to, or null when no case opens
 * @param slaMinutes minutes the case's triage may take before it escalates, or null
 * @param rows       the table rows that decided, in evaluation order
 */
public record Disposition(Action action, boolean openCase, int priority, int blockHours, String caseQueue,
                          Integer slaMinutes, List<MatchedRow> rows) {
    public Disposition {
        rows = List.copyOf(rows);
    }
}
