-- Where each topic the outbox publishes to stood after the relay's last batch, written in the transaction that
-- deletes the batch from the outbox. A store restored from a backup, or a relay stopped between the broker's
-- acknowledgement and its commit, is behind the topics: what lies beyond was sent already (docs/operations.md,
-- "Backup and restore").
CREATE TABLE outbox_published (
    topic        text        NOT NULL,
    partition    int         NOT NULL,
    next_offset  bigint      NOT NULL,
    published_at timestamptz NOT NULL,
    PRIMARY KEY (topic, partition)
);

-- What a relay read back beyond outbox_published: an outbox row with one of these identities was sent already
-- and is left out, once per message read back, in the relay's transaction (so every instance sees the same).
CREATE TABLE outbox_sent_ahead (
    identity  text        PRIMARY KEY,
    remaining int         NOT NULL CHECK (remaining > 0),
    read_at   timestamptz NOT NULL
);
