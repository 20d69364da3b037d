-- What a training taught (a course of the catalogue, or "" for one
-- outside it; its topic and level) and a readiness assessment's scores by
-- pillar (JSON, "" for none), on entries and on their earlier versions.
ALTER TABLE entries ADD COLUMN course TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN topic TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN level TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN scores TEXT NOT NULL DEFAULT '';
ALTER TABLE entry_versions ADD COLUMN course TEXT NOT NULL DEFAULT '';
ALTER TABLE entry_versions ADD COLUMN topic TEXT NOT NULL DEFAULT '';
ALTER TABLE entry_versions ADD COLUMN level TEXT NOT NULL DEFAULT '';
ALTER TABLE entry_versions ADD COLUMN scores TEXT NOT NULL DEFAULT '';

-- Only trainings that name a topic, and assessments, are in these: the
-- breakdown by topic and the readiness profiles read a few rows.
CREATE INDEX entries_topic ON entries (country, topic) WHERE kind = 'training' AND topic != '';
CREATE INDEX entries_scores ON entries (country, date) WHERE scores != '';

-- Redaction still changes nothing but free text.
DROP TRIGGER entry_versions_append_only;
CREATE TRIGGER entry_versions_append_only BEFORE UPDATE ON entry_versions
WHEN NOT (NEW.title = '' AND NEW.note = '' AND NEW.evidence = '' AND NEW.link = '' AND NEW.redacted = 1
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

-- Readiness assessments are a kind of entry. SQLite cannot alter a CHECK
-- constraint; as its documentation on ALTER TABLE describes for a change
-- that leaves the stored rows valid, the table's definition is edited in
-- place (migrate then bumps schema_version so every connection rereads it).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (kind IN (''log'', ''kickoff'', ''workshop'', ''training'', ''indicator''))',
    'CHECK (kind IN (''log'', ''kickoff'', ''workshop'', ''training'', ''indicator'', ''readiness''))')
WHERE type = 'table' AND name = 'entries';
PRAGMA writable_schema = OFF;
