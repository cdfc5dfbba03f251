-- Audit search by the rule that raised a decision's alert: the rule id sits in the decision's explanation
-- (payload JSON). Only decisions' payloads are sure to be JSON, hence the CASE; AuditQueries writes the same
-- expression, so the planner uses this index on every day's partition.
CREATE INDEX audit_entry_rule ON audit_entry
    ((CASE WHEN entry_kind = 'DECISION' THEN (payload::jsonb #>> '{explanation,ruleId}') END));
