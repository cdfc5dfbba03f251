-- Personal data beyond events and audit (docs/privacy.md): retention pseudonymises closed cases and
-- empties old hot-list change contents; a legal hold keeps a case as it is.
ALTER TABLE fraud_case
    ADD COLUMN legal_hold        boolean     NOT NULL DEFAULT false,
    ADD COLUMN legal_hold_by     text,
    ADD COLUMN legal_hold_at     timestamptz,
    ADD COLUMN legal_hold_reason text,
    ADD COLUMN pseudonymised_at  timestamptz;          -- set once the subject's identity was replaced
CREATE INDEX fraud_case_closed ON fraud_case (closed_at) WHERE status = 'CLOSED' AND pseudonymised_at IS NULL;
CREATE INDEX fraud_case_target ON fraud_case (target_value);

CREATE INDEX alert_record_last_match ON alert_record (last_match_at);
CREATE INDEX alert_record_subject ON alert_record (subject_value);

-- A hot-list edit's numbers, once emptied; content_sha256 still proves what was approved.
ALTER TABLE asset_change ADD COLUMN content_purged_at timestamptz;
