-- Value dates, corrections and figures as known at any instant.
--
-- An entry keeps its current version in entries; an amendment moves the
-- version it replaces to entry_versions with the interval it was in
-- force [known_from, known_until). women_reported says whether women
-- were reported at all: an entry recorded without women= does not know
-- how many women there were (0 would be a claim). Older entries are
-- judged by the command they were recorded with.
ALTER TABLE entries ADD COLUMN women_reported INTEGER NOT NULL DEFAULT 1;
ALTER TABLE entries ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE entries ADD COLUMN known_from TEXT NOT NULL DEFAULT '';
UPDATE entries SET known_from = created_at;
UPDATE entries SET women_reported = 0
    WHERE kind IN ('training', 'workshop') AND women = 0 AND source NOT LIKE '%women=%';

CREATE TABLE entry_versions (
    entry_id       INTEGER NOT NULL REFERENCES entries (id),
    version        INTEGER NOT NULL,
    known_from     TEXT    NOT NULL,
    known_until    TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    country        TEXT    NOT NULL,
    date           TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    title          TEXT    NOT NULL,
    note           TEXT    NOT NULL,
    series         INTEGER NOT NULL,
    indicator      TEXT    NOT NULL,
    op             TEXT    NOT NULL,
    value          INTEGER NOT NULL,
    denom          INTEGER NOT NULL,
    stage          TEXT    NOT NULL,
    participants   INTEGER NOT NULL,
    women          INTEGER NOT NULL,
    women_reported INTEGER NOT NULL,
    trained        INTEGER NOT NULL,
    new_count      INTEGER NOT NULL,
    online         INTEGER NOT NULL,
    PRIMARY KEY (entry_id, version)
) WITHOUT ROWID;

CREATE INDEX entry_versions_until ON entry_versions (known_until);

CREATE TRIGGER entry_versions_append_only BEFORE UPDATE ON entry_versions
BEGIN
    SELECT RAISE(ABORT, 'entry versions are never changed');
END;

CREATE TRIGGER entry_versions_never_deleted BEFORE DELETE ON entry_versions
BEGIN
    SELECT RAISE(ABORT, 'entry versions are never deleted');
END;

-- Changes that happened after an instant are found by these.
CREATE INDEX entries_known_from ON entries (known_from) WHERE version > 1;
CREATE INDEX entries_retracted_at ON entries (retracted_at) WHERE retracted = 1;
-- Indicator ledgers in value order.
DROP INDEX entries_indicator_abs;
CREATE INDEX entries_ledger ON entries (indicator, country, date, id) WHERE kind = 'indicator';
CREATE INDEX entries_series ON entries (series, id) WHERE kind IN ('workshop', 'kickoff');

-- The audit trail keeps what changed (field, old, new), not the whole
-- entry again: an entry's versions are in entries and entry_versions.
CREATE TABLE audit_v2 (
    id       INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES entries (id),
    action   TEXT    NOT NULL CHECK (action IN ('insert', 'amend', 'retract', 'redact', 'verify')),
    actor    TEXT    NOT NULL,
    at       TEXT    NOT NULL,
    changes  TEXT    NOT NULL DEFAULT '', -- JSON [{"f": field, "o": old, "n": new}]
    reason   TEXT    NOT NULL DEFAULT ''
);
INSERT INTO audit_v2 (id, entry_id, action, actor, at, changes, reason)
SELECT id, entry_id, action, actor, at,
       CASE action WHEN 'retract' THEN '[{"f":"retracted","o":"false","n":"true"}]' ELSE '' END, reason
FROM audit;
DROP TABLE audit;
ALTER TABLE audit_v2 RENAME TO audit;
CREATE INDEX audit_entry ON audit (entry_id);
CREATE INDEX audit_at ON audit (at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- Running sums by the day a change was recorded (an insert on its day, a
-- retraction or amendment on its own): the figures as known at any
-- instant are the sums of the days before it, or the totals less the
-- days after it. Rows of a whole month are keyed YYYY-MM, of a day
-- YYYY-MM-DD, and the all-time totals ''. Workshops count by series: a
-- series adds what its latest entry says.
DROP TABLE daily;
DROP TABLE daily_adds;
CREATE TABLE training_sums (
    country    TEXT    NOT NULL,
    day        TEXT    NOT NULL,
    count      INTEGER NOT NULL DEFAULT 0,
    online     INTEGER NOT NULL DEFAULT 0,
    trained    INTEGER NOT NULL DEFAULT 0,
    new_count  INTEGER NOT NULL DEFAULT 0,
    women      INTEGER NOT NULL DEFAULT 0,
    reported   INTEGER NOT NULL DEFAULT 0,
    unreported INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (country, day)
) WITHOUT ROWID;
CREATE TABLE workshop_sums (
    country      TEXT    NOT NULL,
    day          TEXT    NOT NULL,
    held         INTEGER NOT NULL DEFAULT 0,
    participants INTEGER NOT NULL DEFAULT 0,
    women        INTEGER NOT NULL DEFAULT 0,
    reported     INTEGER NOT NULL DEFAULT 0,
    unreported   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (country, day)
) WITHOUT ROWID;
CREATE TABLE add_sums (
    indicator TEXT    NOT NULL,
    country   TEXT    NOT NULL,
    day       TEXT    NOT NULL,
    n         INTEGER NOT NULL DEFAULT 0, -- how many "+N" entries
    value     INTEGER NOT NULL DEFAULT 0,
    denom     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (indicator, country, day)
) WITHOUT ROWID;

-- The sums are rebuilt from the history by ctbot when it opens the
-- database (storage.rebuildSums) while this row is here.
CREATE TABLE pending_rebuild (what TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO pending_rebuild (what) VALUES ('sums');

-- The per-entry workshop changes of migration 4 are replaced by series sums.
ALTER TABLE entries DROP COLUMN d_held;
ALTER TABLE entries DROP COLUMN d_participants;
ALTER TABLE entries DROP COLUMN d_women;
DROP INDEX entries_workshop_series;
-- Open events as known at any instant (a retraction may come later).
DROP INDEX entries_open;
CREATE INDEX entries_open ON entries (kind, date) WHERE status IN ('planned', 'postponed');
DROP INDEX entries_kickoff_country;
CREATE INDEX entries_kickoff ON entries (country, id) WHERE kind = 'kickoff';
