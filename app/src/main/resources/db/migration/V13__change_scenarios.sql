-- A decision model change's scenarios of record: the live table's as the change restated them, and those it
-- added (docs/governance.md). While the change is in force they are the scenarios every upload must pass.
CREATE TABLE asset_change_scenarios (
    change_id    uuid  PRIMARY KEY REFERENCES asset_change (change_id),
    scenarios    bytea NOT NULL,                   -- the scenario file (CSV), as DmnScenarios reads it
    restatements jsonb NOT NULL,                   -- [{scenario, outputs: [{output, expected, actual}]}]: what changed
    added        jsonb NOT NULL,                   -- the names of the scenarios the change added
    based_on     uuid                              -- the decision model change in force when it was submitted (null: shipped)
);
