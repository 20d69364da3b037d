-- Evidence, verification, reporting periods and redaction.
--
-- An entry names its means of verification (evidence, link) and may be
-- verified by a coordinator; both are part of each version. after_close
-- marks a version (and an audit row) a coordinator recorded in a closed
-- reporting period. redacted marks an entry whose free text was removed.
ALTER TABLE entries ADD COLUMN evidence TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN link TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN verified_by TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN verified_at TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN after_close INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entries ADD COLUMN redacted INTEGER NOT NULL DEFAULT 0;

ALTER TABLE entry_versions ADD COLUMN evidence TEXT NOT NULL DEFAULT '';
ALTER TABLE entry_versions ADD COLUMN link TEXT NOT NULL DEFAULT '';
ALTER TABLE entry_versions ADD COLUMN verified_by TEXT NOT NULL DEFAULT '';
ALTER TABLE entry_versions ADD COLUMN verified_at TEXT NOT NULL DEFAULT '';
ALTER TABLE entry_versions ADD COLUMN after_close INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entry_versions ADD COLUMN redacted INTEGER NOT NULL DEFAULT 0;

ALTER TABLE audit ADD COLUMN after_close INTEGER NOT NULL DEFAULT 0;

-- Versions are never changed, except to blank their free text when the
-- entry is redacted.
DROP TRIGGER entry_versions_append_only;
CREATE TRIGGER entry_versions_append_only BEFORE UPDATE ON entry_versions
WHEN NOT (NEW.title = '' AND NEW.note = '' AND NEW.redacted = 1
    AND NEW.entry_id IS OLD.entry_id AND NEW.version IS OLD.version AND NEW.known_from IS OLD.known_from
    AND NEW.known_until IS OLD.known_until AND NEW.kind IS OLD.kind AND NEW.country IS OLD.country AND NEW.date IS OLD.date
    AND NEW.status IS OLD.status AND NEW.series IS OLD.series AND NEW.indicator IS OLD.indicator AND NEW.op IS OLD.op
    AND NEW.value IS OLD.value AND NEW.denom IS OLD.denom AND NEW.stage IS OLD.stage AND NEW.participants IS OLD.participants
    AND NEW.women IS OLD.women AND NEW.women_reported IS OLD.women_reported AND NEW.trained IS OLD.trained
    AND NEW.new_count IS OLD.new_count AND NEW.online IS OLD.online AND NEW.evidence IS OLD.evidence AND NEW.link IS OLD.link
    AND NEW.verified_by IS OLD.verified_by AND NEW.verified_at IS OLD.verified_at AND NEW.after_close IS OLD.after_close)
BEGIN
    SELECT RAISE(ABORT, 'entry versions are never changed, except to redact their free text');
END;

-- The audit trail is append-only; the one exception is the free text an
-- earlier row quotes, blanked once a later row records the redaction.
DROP TRIGGER audit_no_update;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
WHEN NOT (NEW.id IS OLD.id AND NEW.entry_id IS OLD.entry_id AND NEW.action IS OLD.action AND NEW.actor IS OLD.actor
    AND NEW.at IS OLD.at AND NEW.reason IS OLD.reason AND NEW.after_close IS OLD.after_close
    AND EXISTS (SELECT 1 FROM audit r WHERE r.entry_id = OLD.entry_id AND r.action = 'redact' AND r.id > OLD.id))
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- Reporting periods: each close and reopen, in order. A period is closed
-- while its latest row is a close; start and end keep its days whatever
-- the configured period length becomes.
CREATE TABLE period_log (
    id     INTEGER PRIMARY KEY,
    period TEXT NOT NULL,
    start  TEXT NOT NULL,
    end    TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('close', 'reopen')),
    actor  TEXT NOT NULL,
    at     TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX period_log_period ON period_log (period, id);
CREATE TRIGGER period_log_no_update BEFORE UPDATE ON period_log
BEGIN
    SELECT RAISE(ABORT, 'the period log is append-only');
END;
CREATE TRIGGER period_log_no_delete BEFORE DELETE ON period_log
BEGIN
    SELECT RAISE(ABORT, 'the period log is append-only');
END;
