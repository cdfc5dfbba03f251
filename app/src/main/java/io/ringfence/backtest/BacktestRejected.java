package io.ringfence.backtest;

import java.util.Map;

/** A refused backtest request, with the HTTP status and a reason the analyst can act on. */
final class BacktestRejected extends RuntimeException {
    final int status;
    final String title;
    /** Extra members of the problem (the first lines of a file that could not be read). */
    final Map<String, Object> properties;

    BacktestRejected(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    BacktestRejected(int status, String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.title = title;
        this.properties = properties;
    }
}
