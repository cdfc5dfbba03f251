-- Ringfence's own store: what the streaming service consumed, decided and did, written in one
-- transaction per consumed batch together with the Kafka offsets it covers, so that a crash and a
-- redelivery can neither lose a record nor apply one twice.

-- Where each partition of each input topic is durably processed up to (the next offset to read).
CREATE TABLE ingest_offset (
    topic       text        NOT NULL,
    partition   integer     NOT NULL,
    next_offset bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition)
);

-- Every accepted event, for case timelines, investigations and backtests. Partitioned by event time
-- (daily partitions created on demand; a default partition catches anything else).
CREATE TABLE event_history (
    event_time   timestamptz NOT NULL,
    event_id     text        NOT NULL,
    subscriber   text        NOT NULL,
    event_type   text        NOT NULL,
    kafka_partition integer,
    kafka_offset bigint,
    payload      text        NOT NULL
) PARTITION BY RANGE (event_time);
CREATE TABLE event_history_default PARTITION OF event_history DEFAULT;
CREATE INDEX event_history_subscriber_time ON event_history (subscriber, event_time);

-- Alerts as they were when last raised, escalated or closed.
CREATE TABLE alert_record (
    alert_id      text PRIMARY KEY,
    typology      text        NOT NULL,
    subject_kind  text        NOT NULL,
    subject_value text        NOT NULL,
    subscriber    text,
    severity      text        NOT NULL,
    score         double precision,
    rule_id       text        NOT NULL,
    detected_at   timestamptz NOT NULL,
    last_match_at timestamptz NOT NULL,
    closed        boolean     NOT NULL DEFAULT false,
    payload       text        NOT NULL
);
CREATE INDEX alert_record_subscriber ON alert_record (subscriber, detected_at);

-- The audit trail: every decision (sent or held back) and every later human or system action on one,
-- in one hash chain per day (each row's hash covers its content and the previous row's hash).
CREATE TABLE audit_entry (
    recorded_at   timestamptz NOT NULL,
    chain_day     date        NOT NULL,
    chain_seq     bigint      NOT NULL,
    entry_kind    text        NOT NULL,          -- DECISION | ACTION
    decision_id   text        NOT NULL,
    actor         text        NOT NULL,          -- 'ringfence' for the service, else the user
    action        text        NOT NULL,          -- the decision's action, or what was done (LIFTED, CASE_OPENED, ...)
    emitted       boolean,                       -- DECISION: sent to the switches, or held back (block in force)
    target_kind   text,
    target_value  text,
    typology      text,
    subscriber    text,
    case_id       text,
    alert_ids     text[],
    event_ids     text[],
    rule_set_version       text,
    decision_model         text,
    decision_model_version text,
    model                  text,
    model_version          text,
    payload       text        NOT NULL,          -- the decision JSON (with its explanation) or the action's detail
    prev_hash     bytea       NOT NULL,
    hash          bytea       NOT NULL,
    PRIMARY KEY (chain_day, chain_seq)
) PARTITION BY RANGE (chain_day);
CREATE TABLE audit_entry_default PARTITION OF audit_entry DEFAULT;
CREATE INDEX audit_entry_subscriber ON audit_entry (subscriber, recorded_at);
CREATE INDEX audit_entry_target ON audit_entry (target_value, recorded_at);
CREATE INDEX audit_entry_decision ON audit_entry (decision_id);

-- The head of each day's chain: locked by a writer so that chain order is the commit order.
CREATE TABLE audit_chain_head (
    chain_day date   PRIMARY KEY,
    last_seq  bigint NOT NULL,
    last_hash bytea  NOT NULL
);

-- Blocks in force, one per (action, target): the idempotency key of block orders across instances.
CREATE TABLE active_block (
    action       text        NOT NULL,
    target_kind  text        NOT NULL,
    target_value text        NOT NULL,
    decision_id  text        NOT NULL,
    set_at       timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    case_opened  boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (action, target_kind, target_value)
);

-- Messages for Kafka written in the batch's transaction and published after it commits
-- (transactional outbox): an alert or decision is never published for work that rolled back.
CREATE TABLE outbox (
    id         bigserial PRIMARY KEY,
    topic      text        NOT NULL,
    msg_key    text,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
