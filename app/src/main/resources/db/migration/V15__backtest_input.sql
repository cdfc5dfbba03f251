-- A backtest may run on a file of events an analyst uploaded instead of a range of the stored history
-- (docs/governance.md): what the file was and what of it could not be read. Null for a range of the history.
-- {name, bytes, sha256, lines, accepted, rejected, rejections: [{line, field, reason}] (the first few)}
ALTER TABLE backtest ADD COLUMN input jsonb;
