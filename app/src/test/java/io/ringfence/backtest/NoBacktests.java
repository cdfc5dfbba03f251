package io.ringfence.backtest;

import io.ringfence.governance.ChangeRejected;
import org.springframework.context.ApplicationContext;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

/** The backtest mocks answering as a service with no changes and no backtests: everything asked for is not found. */
public final class NoBacktests {
    private NoBacktests() {
    }

    public static void stub(ApplicationContext slice) {
        BacktestService backtests = slice.getBean(BacktestService.class);
        when(backtests.start(any(), any(), any(), any())).thenThrow(new ChangeRejected(404, "Not found", "no such change"));
        when(backtests.plan(any())).thenThrow(new ChangeRejected(404, "Not found", "no such change"));
        when(backtests.cancel(any())).thenThrow(new BacktestRejected(404, "Not found", "no such backtest"));
        // Changes are anyone's to see, as in a service without drafts.
        when(slice.getBean(io.ringfence.governance.Drafts.class).visible(any())).thenReturn(true);
    }
}
