-- Redaction that keeps its word.
--
-- A redaction removes an entry's text but not the fact that it named its
-- evidence: a version's evidence and link become placeholders ('[redacted]'
-- and https://redacted.invalid/), so that evidence counts, and the reports
-- of closed periods, stay as they were. Nothing else may change.
DROP TRIGGER entry_versions_append_only;
CREATE TRIGGER entry_versions_append_only BEFORE UPDATE ON entry_versions
WHEN NOT (NEW.title = '' AND NEW.note = '' AND NEW.redacted = 1
    AND NEW.evidence IS (CASE WHEN OLD.evidence = '' THEN '' ELSE '[redacted]' END)
    AND NEW.link IS (CASE WHEN OLD.link = '' THEN '' ELSE 'https://redacted.invalid/' END)
    AND NEW.entry_id IS OLD.entry_id AND NEW.version IS OLD.version AND NEW.known_from IS OLD.known_from
    AND NEW.known_until IS OLD.known_until AND NEW.kind IS OLD.kind AND NEW.country IS OLD.country AND NEW.date IS OLD.date
    AND NEW.status IS OLD.status AND NEW.series IS OLD.series AND NEW.indicator IS OLD.indicator AND NEW.op IS OLD.op
    AND NEW.value IS OLD.value AND NEW.denom IS OLD.denom AND NEW.stage IS OLD.stage AND NEW.participants IS OLD.participants
    AND NEW.women IS OLD.women AND NEW.women_reported IS OLD.women_reported AND NEW.trained IS OLD.trained
    AND NEW.new_count IS OLD.new_count AND NEW.online IS OLD.online
    AND NEW.verified_by IS OLD.verified_by AND NEW.verified_at IS OLD.verified_at AND NEW.after_close IS OLD.after_close
    AND NEW.course IS OLD.course AND NEW.topic IS OLD.topic AND NEW.level IS OLD.level AND NEW.scores IS OLD.scores)
BEGIN
    SELECT RAISE(ABORT, 'entry versions are never changed, except to redact their free text');
END;

-- The reasons given for closing and reopening a period can be redacted
-- too: each redaction of a period's reasons is kept here (who, when, why,
-- a salted hash of the reasons removed). A later redaction of the same
-- period may blank an earlier one's reason; nothing else changes.
CREATE TABLE period_redactions (
    id     INTEGER PRIMARY KEY,
    period TEXT NOT NULL,
    actor  TEXT NOT NULL,
    at     TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    hash   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX period_redactions_period ON period_redactions (period, id);
CREATE TRIGGER period_redactions_no_update BEFORE UPDATE ON period_redactions
WHEN NOT (NEW.id IS OLD.id AND NEW.period IS OLD.period AND NEW.actor IS OLD.actor AND NEW.at IS OLD.at
    AND NEW.hash IS OLD.hash AND NEW.reason = '[redacted]'
    AND EXISTS (SELECT 1 FROM period_redactions r WHERE r.period = OLD.period AND r.id > OLD.id))
BEGIN
    SELECT RAISE(ABORT, 'the period redactions are append-only');
END;
CREATE TRIGGER period_redactions_no_delete BEFORE DELETE ON period_redactions
BEGIN
    SELECT RAISE(ABORT, 'the period redactions are append-only');
END;

-- The period log stays append-only; its reasons alone may be blanked, once
-- a redaction of the period is recorded.
DROP TRIGGER period_log_no_update;
CREATE TRIGGER period_log_no_update BEFORE UPDATE ON period_log
WHEN NOT (NEW.id IS OLD.id AND NEW.period IS OLD.period AND NEW.start IS OLD.start AND NEW.end IS OLD.end
    AND NEW.action IS OLD.action AND NEW.actor IS OLD.actor AND NEW.at IS OLD.at AND NEW.reason = '[redacted]'
    AND EXISTS (SELECT 1 FROM period_redactions r WHERE r.period = OLD.period))
BEGIN
    SELECT RAISE(ABORT, 'the period log is append-only');
END;

-- Each redaction (of an entry: its audit row; or of a period's reasons)
-- until the old copies of the text it removed have left the write-ahead
-- log: purged_at is when a checkpoint truncated the log after it, ''
-- while readers still hold it.
CREATE TABLE purges (
    id                  INTEGER PRIMARY KEY,
    audit_id            INTEGER UNIQUE REFERENCES audit (id),
    period_redaction_id INTEGER UNIQUE REFERENCES period_redactions (id),
    purged_at           TEXT NOT NULL DEFAULT '',
    CHECK ((audit_id IS NULL) <> (period_redaction_id IS NULL))
);
CREATE INDEX purges_pending ON purges (id) WHERE purged_at = '';
