-- A backtest's differences name subscribers: retention replaces them with keyed pseudonyms
-- (docs/privacy.md); the counts, typologies and rules stay for the change's approval record.
ALTER TABLE backtest ADD COLUMN differences_pseudonymised_at timestamptz;
