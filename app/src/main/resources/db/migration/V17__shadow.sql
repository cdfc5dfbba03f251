-- Champion/challenger (docs/governance.md, "Shadow mode"): a decision or scoring model approved to run in shadow
-- sees every alert the live one decides; what it would have decided is kept here and counted, never sent.

-- What each instance must run in shadow: one row per kind, compared by revision as asset_live is.
-- change_id null: nothing in shadow for the kind.
CREATE TABLE asset_shadow (
    kind      text        PRIMARY KEY,
    change_id uuid        REFERENCES asset_change (change_id),
    revision  bigint      NOT NULL,
    since     timestamptz NOT NULL,
    set_by    text        NOT NULL,
    how       text        NOT NULL                -- APPROVED | PROMOTED | ENDED
);

-- One row per live decision taken while a challenger ran: the champion's table answer beside the challenger's.
CREATE TABLE shadow_decision (
    decision_id          text             PRIMARY KEY,    -- the live decision's id
    alert_id             text             NOT NULL,
    typology             text             NOT NULL,
    rule_id              text,
    subscriber           text,
    target_kind          text             NOT NULL,
    target_value         text             NOT NULL,
    decided_at           timestamptz      NOT NULL,       -- event time, as the live decision's
    champion_action      text             NOT NULL,
    champion_open_case   boolean          NOT NULL,
    champion_block_hours integer          NOT NULL,
    champion_score       double precision,
    decision_model       text             NOT NULL,       -- the versions that answered for the challenger
    scoring_model        text             NOT NULL,
    action               text,                            -- null when the challenger failed (error)
    open_case            boolean          NOT NULL,
    block_hours          integer          NOT NULL,
    case_queue           text,
    score                double precision,
    agrees               boolean          NOT NULL,
    error                text
);
CREATE INDEX shadow_decision_models ON shadow_decision (decision_model, scoring_model, decided_at);
CREATE INDEX shadow_decision_at ON shadow_decision (decided_at);
CREATE INDEX shadow_decision_subscriber ON shadow_decision (subscriber);
CREATE INDEX shadow_decision_target ON shadow_decision (target_value);
