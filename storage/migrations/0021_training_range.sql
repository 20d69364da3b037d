-- Trainings held over several days, and the women among new people.
--
-- date_to is a training's last day when it ran over several ('' for a
-- training of one day, whose date is its only day); date stays its value
-- date, the first day. new_women is how many of its new people were
-- women, NULL when not reported (unknown, not 0). Both on entries and on
-- their earlier versions.
ALTER TABLE entries ADD COLUMN date_to TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN new_women INTEGER;
ALTER TABLE entry_versions ADD COLUMN date_to TEXT NOT NULL DEFAULT '';
ALTER TABLE entry_versions ADD COLUMN new_women INTEGER;

-- A state's trainings by their last day, then first: the trainings near
-- a new one (overlapping it or within a few days) are one range of it.
CREATE INDEX entries_training_near ON entries (country, (CASE date_to WHEN '' THEN date ELSE date_to END), date)
WHERE kind = 'training';

-- Redaction still changes nothing but free text (the rule of 0018, with
-- the new columns).
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
    AND NEW.seq IS OLD.seq AND NEW.date_to IS OLD.date_to AND NEW.new_women IS OLD.new_women)
BEGIN
    SELECT RAISE(ABORT, 'entry versions are never changed, except to redact their free text');
END;
