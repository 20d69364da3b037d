-- What happened after a close is decided by the order of commits, not by
-- the clock, which an operator or NTP may step back. change_seq numbers
-- every change to the entries; an entry keeps the number of the change
-- that made its current version (seq) and of its retraction
-- (retracted_seq), an earlier version the number of the change that made
-- it, and a close or reopen the number of the last change (seq) and the
-- last audit row (audit_id) committed before it. Rows from before this
-- migration have none (NULL): they came before every close logged after
-- it; a close logged before it is still placed by time.
ALTER TABLE entries ADD COLUMN seq INTEGER;
ALTER TABLE entries ADD COLUMN retracted_seq INTEGER;
ALTER TABLE entry_versions ADD COLUMN seq INTEGER;
ALTER TABLE period_log ADD COLUMN seq INTEGER;
ALTER TABLE period_log ADD COLUMN audit_id INTEGER;

-- A version's place in the order never changes either, redacted or not
-- (the redaction rule of 0017 otherwise as it was).
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
    AND NEW.course IS OLD.course AND NEW.topic IS OLD.topic AND NEW.level IS OLD.level AND NEW.scores IS OLD.scores
    AND NEW.seq IS OLD.seq)
BEGIN
    SELECT RAISE(ABORT, 'entry versions are never changed, except to redact their free text');
END;

-- Nor does a close's: the period log's reasons alone may be blanked, once
-- a redaction of the period is recorded (0017).
DROP TRIGGER period_log_no_update;
CREATE TRIGGER period_log_no_update BEFORE UPDATE ON period_log
WHEN NOT (NEW.id IS OLD.id AND NEW.period IS OLD.period AND NEW.start IS OLD.start AND NEW.end IS OLD.end
    AND NEW.action IS OLD.action AND NEW.actor IS OLD.actor AND NEW.at IS OLD.at AND NEW.reason = '[redacted]'
    AND NEW.seq IS OLD.seq AND NEW.audit_id IS OLD.audit_id
    AND EXISTS (SELECT 1 FROM period_redactions r WHERE r.period = OLD.period))
BEGIN
    SELECT RAISE(ABORT, 'the period log is append-only');
END;
