-- When a run was first started: a later attempt looks for messages an
-- earlier one posted but could not record, from then on.
ALTER TABLE job_runs ADD COLUMN first_started_at TEXT NOT NULL DEFAULT '';
UPDATE job_runs SET first_started_at = started_at;
