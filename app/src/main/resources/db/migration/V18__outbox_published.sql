-- Where each topic the outbox publishes to stood after the relay's last batch, written in the transaction that
-- deletes the batch from the outbox. A database restored from a backup says where the topics stood when the
-- backup was taken: what lies beyond was sent after it, and the relay does not send it again when the restored
-- service decides the same events once more (docs/operations.md, "Backup and restore").
CREATE TABLE outbox_published (
    topic       text   NOT NULL,
    partition   int    NOT NULL,
    next_offset bigint NOT NULL,
    PRIMARY KEY (topic, partition)
);
