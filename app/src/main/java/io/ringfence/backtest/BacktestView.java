package io.ringfence.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.UUID;

/**
 * A backtest as the API shows it: where it stands, its progress, and once DONE its summary, with the link
 * to its differences.
 *
 * @param progress events done over the events the range held when the job started, 0-1; null before it started
 * @param input    null for a range of the history; for an uploaded file, what it was and the rows it could not read
 */
record BacktestView(UUID backtestId, UUID changeId, String kind, String liveVersion, String draftVersion, Instant from,
                    Instant to, String status, String requestedBy, Instant requestedAt, Instant startedAt,
                    Instant finishedAt, long eventsDone, Long eventsTotal, Double progress, String reason,
                    JsonNode summary, JsonNode input, String differences) {

    static BacktestView of(Backtest b, ObjectMapper mapper) {
        Double progress = b.eventsTotal() == null ? null
                : b.eventsTotal() == 0 ? 1.0 : Math.min(1.0, (double) b.eventsDone() / b.eventsTotal());
        return new BacktestView(b.backtestId(), b.changeId(), b.kind(), b.liveVersion(), b.draftVersion(), b.from(), b.to(),
                b.status().name(), b.requestedBy(), b.requestedAt(), b.startedAt(), b.finishedAt(), b.eventsDone(),
                b.eventsTotal(), progress, b.reason(), json(b.summaryJson(), mapper), json(b.inputJson(), mapper),
                "/api/v1/backtests/" + b.backtestId() + "/differences");
    }

    private static JsonNode json(String json, ObjectMapper mapper) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a backtest's stored summary or input is not JSON", e);
        }
    }
}
