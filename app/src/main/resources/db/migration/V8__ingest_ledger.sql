-- CDR file ingest (docs/integration.md): one row per distinct file content a drop folder or `ringfence ingest`
-- has taken. The checksum is the key, so the same file delivered twice (renamed, recompressed, or simply
-- dropped again) is sent to telecom.events once.
CREATE TABLE ingest_file (
    checksum      text        PRIMARY KEY,       -- SHA-256 (hex) of the file's content, after gunzip
    file_name     text        NOT NULL,          -- the name it arrived under (the first time)
    state         text        NOT NULL CHECK (state IN ('INGESTING', 'DONE', 'FAILED')),
    claimed_at    timestamptz NOT NULL,
    finished_at   timestamptz,
    rows_sent     bigint,                        -- events produced to telecom.events
    rows_rejected bigint,                        -- rows sent to the dead-letter topic
    reason        text                           -- why it failed (FAILED only)
);
