package io.ringfence.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.cases.Api;

import java.time.Duration;
import java.util.Set;

/** Waiting for a backtest over the API, as a client would. */
public final class Backtests {
    private Backtests() {
    }

    /** The backtest once DONE, FAILED or CANCELLED; an AssertionError after five minutes. */
    public static JsonNode finished(Api api, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            JsonNode b = api.get("analyst1", "/api/v1/backtests/" + id).json();
            if (Set.of("DONE", "FAILED", "CANCELLED").contains(b.path("status").asText())) {
                return b;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for backtest " + id + ": " + b);
            }
            Thread.sleep(200);
        }
    }
}
