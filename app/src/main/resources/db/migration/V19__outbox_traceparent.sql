-- The W3C trace context an outbox message continues (a decision's span, a case handler's request), which the relay
-- sends as the record's traceparent header (docs/operations.md, "Traces"). Null: the message starts no trace.
-- A nullable column without a default: PostgreSQL adds it without rewriting the table.
ALTER TABLE outbox ADD COLUMN traceparent text;
