package io.ringfence.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.governance.ChangeBacktests;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/** A change's latest backtest on its page, so the approver sees what the change would have done. */
@Component
class LatestBacktest implements ChangeBacktests {
    private final BacktestStore store;
    private final ObjectMapper mapper;

    LatestBacktest(BacktestStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    @Override
    public Optional<Object> latest(UUID changeId) {
        return store.latestFor(changeId).map(b -> (Object) BacktestView.of(b, mapper));
    }

    @Override
    public boolean finished(UUID changeId) {
        return store.anyDone(changeId);
    }
}
