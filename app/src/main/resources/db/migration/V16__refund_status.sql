-- What billing did with a case's refund order (docs/integration.md, "Billing"): APPLIED or REFUSED, billing's
-- reference (or its reason for refusing), and who recorded it: billing itself, or a supervisor by hand.
ALTER TABLE fraud_case ADD COLUMN refund_status text;
ALTER TABLE fraud_case ADD COLUMN refund_reference text;
ALTER TABLE fraud_case ADD COLUMN refund_confirmed_by text;
