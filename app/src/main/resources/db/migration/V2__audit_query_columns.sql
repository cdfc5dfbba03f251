-- A decision held back because a block on the same target was already in force names that block's
-- decision (the audit must show why nothing was sent). Part of the row's hashed content.
ALTER TABLE audit_entry ADD COLUMN suppressed_by text;

-- The compliance queries filter by typology, action and case besides subscriber and target.
CREATE INDEX audit_entry_typology ON audit_entry (typology, recorded_at);
CREATE INDEX audit_entry_case ON audit_entry (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX audit_entry_recorded ON audit_entry (recorded_at);
