package io.ringfence.backtest;

/** A refused backtest request, with the HTTP status and a reason the analyst can act on. */
final class BacktestRejected extends RuntimeException {
    final int status;
    final String title;

    BacktestRejected(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }
}
