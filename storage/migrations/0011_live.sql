-- Evidence counts in the running sums, and the sequence of changes.
--
-- Trainings and indicator "+N" updates that name their evidence, and those
-- verified, are summed like the rest; the sums are rebuilt from the
-- history. change_seq counts every change to the entries (recording,
-- amendment, verification, retraction, redaction): a process that keeps
-- the figures in memory compares it with what it has applied, to notice
-- changes made by another process.
ALTER TABLE training_sums ADD COLUMN with_evidence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE training_sums ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
ALTER TABLE add_sums ADD COLUMN with_evidence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE add_sums ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
INSERT OR IGNORE INTO pending_rebuild (what) VALUES ('sums');

CREATE TABLE change_seq (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO change_seq (id, n) VALUES (1, 0);
