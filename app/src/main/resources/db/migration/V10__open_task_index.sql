-- The inbox reads open tasks only: a handful among the hundreds of thousands a busy team completes.
CREATE INDEX case_task_open ON case_task (case_id) WHERE completed_at IS NULL;
