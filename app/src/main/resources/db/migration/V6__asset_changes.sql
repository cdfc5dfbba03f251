-- Maker-checker for what drives decisions (docs/governance.md): rule sets, decision models, scoring
-- models and hot lists change only through a change that a second person approves. Every change is
-- kept with its content, so what was live at any moment can be shown and rolled back to.
CREATE TABLE asset_change (
    change_id      uuid        PRIMARY KEY,
    kind           text        NOT NULL,          -- RULES | DECISION_MODEL | SCORING_MODEL | HOT_LIST
    target         text        NOT NULL,          -- the hot list's id; the kind's name otherwise
    operation      text        NOT NULL,          -- DEPLOY, or for hot lists REPLACE | ADD | REMOVE
    version        text,
    summary        text,
    content        bytea       NOT NULL,
    content_sha256 text        NOT NULL,
    status         text        NOT NULL,          -- PENDING | APPROVED | REJECTED | WITHDRAWN
    author         text        NOT NULL,
    submitted_at   timestamptz NOT NULL,
    reviewer       text,
    reviewed_at    timestamptz,
    review_note    text,
    applied_at     timestamptz,                   -- HOT_LIST: when the approved edit reached Redis
    CONSTRAINT asset_change_four_eyes CHECK (reviewer IS NULL OR status = 'WITHDRAWN' OR reviewer <> author)
);
CREATE INDEX asset_change_pending ON asset_change (status, submitted_at);

-- What each instance must run: one row per deployable kind, with a revision every instance compares
-- with the one it applied. change_id null means the version shipped in the jars.
CREATE TABLE asset_live (
    kind      text        PRIMARY KEY,
    change_id uuid        REFERENCES asset_change (change_id),
    revision  bigint      NOT NULL,
    since     timestamptz NOT NULL,
    set_by    text        NOT NULL,
    how       text        NOT NULL                -- APPROVED | ROLLED_BACK
);
