-- Storage is the log: the figures are computed from the entries by the
-- figures engine (ctbot.Book), kept in memory and replayed for the past,
-- so the running sums and the indexes that only the SQL snapshot read go.
DROP TABLE training_sums;
DROP TABLE workshop_sums;
DROP TABLE add_sums;
DROP TABLE IF EXISTS pending_rebuild;
DROP INDEX IF EXISTS entries_open;
DROP INDEX IF EXISTS entries_kickoff;
DROP INDEX IF EXISTS entries_topic;
DROP INDEX IF EXISTS entries_scores;
