-- Shadow rows kept per run, not per version label: a second run of the same labels, or a rule set in shadow beside
-- a table in shadow, each has its own record (docs/governance.md, "Shadow mode").
--   run:      'models:<decision model change>+<scoring model change>' ('-' for a kind not in shadow), or
--             'rules:<rule set change>'. Null for rows written before this migration, which no report reads.
--   rule_set: the rule set version that raised the alerts of a rule set's run (null for a model's run).
-- Nullable columns without a default: no table rewrite.
ALTER TABLE shadow_decision ADD COLUMN run text;
ALTER TABLE shadow_decision ADD COLUMN rule_set text;
CREATE INDEX shadow_decision_run ON shadow_decision (run, decided_at);
