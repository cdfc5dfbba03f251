package io.ringfence.governance;

import java.util.Optional;
import java.util.UUID;

/**
 * The latest backtest of a change, for its page: a port that the backtest package implements, so that
 * governance shows backtests without depending on the package that depends on it.
 */
public interface ChangeBacktests {
    /** A summary of the change's latest backtest, as the change's JSON carries it; empty if it has none. */
    Optional<Object> latest(UUID changeId);

    /** Whether a backtest of the change has run to its end (DONE). */
    boolean finished(UUID changeId);
}
