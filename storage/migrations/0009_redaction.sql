-- Redaction removes every free text of an entry: title, note and the
-- command typed, the evidence and its link, and the reasons given for its
-- changes, in the entry, its versions and the audit rows that quote them.
-- Nothing else of an entry, a version or an audit row may ever change.
DROP TRIGGER entry_versions_append_only;
CREATE TRIGGER entry_versions_append_only BEFORE UPDATE ON entry_versions
WHEN NOT (NEW.title = '' AND NEW.note = '' AND NEW.evidence = '' AND NEW.link = '' AND NEW.redacted = 1
    AND NEW.entry_id IS OLD.entry_id AND NEW.version IS OLD.version AND NEW.known_from IS OLD.known_from
    AND NEW.known_until IS OLD.known_until AND NEW.kind IS OLD.kind AND NEW.country IS OLD.country AND NEW.date IS OLD.date
    AND NEW.status IS OLD.status AND NEW.series IS OLD.series AND NEW.indicator IS OLD.indicator AND NEW.op IS OLD.op
    AND NEW.value IS OLD.value AND NEW.denom IS OLD.denom AND NEW.stage IS OLD.stage AND NEW.participants IS OLD.participants
    AND NEW.women IS OLD.women AND NEW.women_reported IS OLD.women_reported AND NEW.trained IS OLD.trained
    AND NEW.new_count IS OLD.new_count AND NEW.online IS OLD.online
    AND NEW.verified_by IS OLD.verified_by AND NEW.verified_at IS OLD.verified_at AND NEW.after_close IS OLD.after_close)
BEGIN
    SELECT RAISE(ABORT, 'entry versions are never changed, except to redact their free text');
END;

-- An audit row may only have the free text it quotes (old and new titles,
-- notes, evidence, links) and its reason replaced by '[redacted]', once a
-- later row records the entry's redaction.
DROP TRIGGER audit_no_update;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
WHEN NOT (NEW.id IS OLD.id AND NEW.entry_id IS OLD.entry_id AND NEW.action IS OLD.action AND NEW.actor IS OLD.actor
    AND NEW.at IS OLD.at AND NEW.after_close IS OLD.after_close
    AND (NEW.reason IS OLD.reason OR NEW.reason = '[redacted]')
    AND EXISTS (SELECT 1 FROM audit r WHERE r.entry_id = OLD.entry_id AND r.action = 'redact' AND r.id > OLD.id)
    AND (NEW.changes IS OLD.changes OR (json_valid(NEW.changes) AND json_valid(OLD.changes)
        AND json_array_length(NEW.changes) = json_array_length(OLD.changes)
        AND NOT EXISTS (SELECT 1 FROM json_each(OLD.changes) o JOIN json_each(NEW.changes) n ON n.key = o.key
            WHERE json_extract(n.value, '$.f') IS NOT json_extract(o.value, '$.f')
               OR (json_extract(n.value, '$.o') IS NOT json_extract(o.value, '$.o')
                   AND NOT (json_extract(o.value, '$.f') IN ('title', 'note', 'evidence', 'link') AND json_extract(n.value, '$.o') = '[redacted]'))
               OR (json_extract(n.value, '$.n') IS NOT json_extract(o.value, '$.n')
                   AND NOT (json_extract(o.value, '$.f') IN ('title', 'note', 'evidence', 'link') AND json_extract(n.value, '$.n') = '[redacted]'))))))
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
