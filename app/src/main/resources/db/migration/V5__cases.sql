-- Case management (docs/cases.md). Kogito keeps its running process and task state in its own tables
-- (an opaque blob, deleted when the instance completes); the case list, its tasks and its history live
-- here, fed by the process and task listeners, so that cases stay queryable after they close.
CREATE TABLE fraud_case (
    case_id             uuid        PRIMARY KEY,
    decision_id         text        UNIQUE,          -- the OPEN_CASE decision; null for a case opened by hand
    process_instance_id text,
    status              text        NOT NULL,        -- OPEN | CLOSED
    stage               text,                        -- the open task, null when none
    outcome             text,                        -- CONFIRMED_FRAUD | FALSE_POSITIVE once triaged
    typology            text        NOT NULL,
    rule_id             text,
    severity            text,
    priority            integer     NOT NULL,
    queue               text        NOT NULL,
    sla_minutes         integer     NOT NULL,
    target_kind         text        NOT NULL,
    target_value        text        NOT NULL,
    subscriber          text,
    alert_ids           text[]      NOT NULL DEFAULT '{}',
    decision_json       text,
    opened_by           text        NOT NULL,
    opened_at           timestamptz NOT NULL,
    closed_at           timestamptz,
    handler             text,                        -- who last worked the case
    block_decision_id   text,
    lifted              text,
    refund_amount       numeric(14, 2),
    refund_requested_by text,
    refund_approved_by  text,
    refund_order_id     text
);
CREATE INDEX fraud_case_subscriber ON fraud_case (subscriber, opened_at);
CREATE INDEX fraud_case_status ON fraud_case (status, opened_at);

CREATE TABLE case_task (
    task_id      text        PRIMARY KEY,
    case_id      uuid        NOT NULL REFERENCES fraud_case,
    name         text        NOT NULL,
    status       text        NOT NULL,               -- Kogito's: Ready | Reserved | Completed | Obsolete | Error
    groups       text[]      NOT NULL,
    owner        text,
    excluded     text[]      NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL,
    due_at       timestamptz,                        -- the SLA; the escalator reads it, so it survives restarts
    escalated_at timestamptz,
    completed_at timestamptz,
    completed_by text
);
CREATE INDEX case_task_case ON case_task (case_id);
CREATE INDEX case_task_due ON case_task (due_at) WHERE escalated_at IS NULL AND completed_at IS NULL;

CREATE TABLE case_history (
    id       bigserial   PRIMARY KEY,
    case_id  uuid        NOT NULL REFERENCES fraud_case,
    at       timestamptz NOT NULL,
    actor    text        NOT NULL,
    action   text        NOT NULL,
    task_id  text,
    detail   text
);
CREATE INDEX case_history_case ON case_history (case_id, id);
