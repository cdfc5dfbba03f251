-- Backtests (docs/governance.md): a submitted change run beside the live versions over stored history.
-- The job and its summary survive a restart and stay for the change's approval page.
CREATE TABLE backtest (
    backtest_id   uuid        PRIMARY KEY,
    change_id     uuid        NOT NULL REFERENCES asset_change (change_id),
    kind          text        NOT NULL,          -- the change's: RULES | DECISION_MODEL | SCORING_MODEL
    live_version  text,
    draft_version text,
    range_from    timestamptz NOT NULL,
    range_to      timestamptz NOT NULL,
    status        text        NOT NULL,          -- QUEUED | RUNNING | DONE | FAILED | CANCELLED
    requested_by  text        NOT NULL,
    requested_at  timestamptz NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    events_done   bigint      NOT NULL DEFAULT 0,
    events_total  bigint,                        -- counted when the job starts
    reason        text,                          -- why it failed or stopped
    heartbeat_at  timestamptz NOT NULL,          -- the instance holding the job writes it; a stale one is failed
    cancel_requested boolean  NOT NULL DEFAULT false, -- set by DELETE on any instance, read by the one running it
    summary       text                           -- JSON: counts per kind of difference, typology and rule
);
CREATE INDEX backtest_change ON backtest (change_id, requested_at);

-- What the draft decided differently: one row per alert or decision added, removed or changed.
CREATE TABLE backtest_difference (
    backtest_id   uuid        NOT NULL REFERENCES backtest ON DELETE CASCADE,
    seq           integer     NOT NULL,
    output        text        NOT NULL,          -- ALERT | DECISION
    change        text        NOT NULL,          -- ADDED | REMOVED | CHANGED
    output_key    text        NOT NULL,          -- the alert id, or the decision id (the alert's n-th decision)
    typology      text        NOT NULL,
    rule_id       text,
    subject_kind  text        NOT NULL,
    subject_value text        NOT NULL,
    subscriber    text,
    at            timestamptz NOT NULL,          -- event time of the alert's detection or the decision
    live          text,                          -- what the live versions produced (null when added)
    draft         text,                          -- what the draft produced (null when removed)
    case_outcome  text,                          -- CONFIRMED_FRAUD | FALSE_POSITIVE of the subject's latest case
    PRIMARY KEY (backtest_id, seq)
);
CREATE INDEX backtest_difference_typology ON backtest_difference (backtest_id, typology, output);
