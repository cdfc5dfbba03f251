-- Rebuilding a partition's in-memory state when an instance takes it over: the newest event time each
-- partition reached, and an index to read a partition's recent history in offset order.
ALTER TABLE ingest_offset ADD COLUMN newest_event_at timestamptz;
CREATE INDEX event_history_partition_offset ON event_history (kafka_partition, kafka_offset);
