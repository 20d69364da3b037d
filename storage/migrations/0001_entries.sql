-- Entries: every update staff record. Never deleted; retraction sets a flag.
-- Only Slack user IDs and aggregated counts are stored, never trainee data.
CREATE TABLE entries (
    id             INTEGER PRIMARY KEY,
    kind           TEXT    NOT NULL CHECK (kind IN ('log', 'kickoff', 'workshop', 'training', 'indicator')),
    country        TEXT    NOT NULL DEFAULT '',
    date           TEXT    NOT NULL DEFAULT '',
    status         TEXT    NOT NULL DEFAULT '',
    title          TEXT    NOT NULL DEFAULT '',
    note           TEXT    NOT NULL DEFAULT '',
    series         INTEGER NOT NULL DEFAULT 0,
    indicator      TEXT    NOT NULL DEFAULT '',
    op             TEXT    NOT NULL DEFAULT '',
    value          INTEGER NOT NULL DEFAULT 0,
    denom          INTEGER NOT NULL DEFAULT 0 CHECK (denom >= 0),
    stage          TEXT    NOT NULL DEFAULT '',
    participants   INTEGER NOT NULL DEFAULT 0 CHECK (participants >= 0),
    women          INTEGER NOT NULL DEFAULT 0 CHECK (women >= 0),
    trained        INTEGER NOT NULL DEFAULT 0 CHECK (trained >= 0),
    new_count      INTEGER NOT NULL DEFAULT 0 CHECK (new_count >= 0),
    online         INTEGER NOT NULL DEFAULT 0,
    user_id        TEXT    NOT NULL,
    source         TEXT    NOT NULL DEFAULT '',
    created_at     TEXT    NOT NULL, -- UTC, 2006-01-02T15:04:05.000000Z
    retracted      INTEGER NOT NULL DEFAULT 0,
    retracted_at   TEXT    NOT NULL DEFAULT '',
    retracted_by   TEXT    NOT NULL DEFAULT '',
    retract_reason TEXT    NOT NULL DEFAULT ''
);

-- Few full indexes, as every insert updates each of them; partial indexes
-- cost nothing for the rows they leave out.
CREATE INDEX entries_created ON entries (created_at);
CREATE INDEX entries_country_time ON entries (country, created_at);
CREATE INDEX entries_user_created ON entries (user_id, created_at);
CREATE INDEX entries_workshop_series ON entries (series, id) WHERE kind = 'workshop';
CREATE INDEX entries_kickoff_country ON entries (country, created_at) WHERE kind = 'kickoff';

CREATE TRIGGER entries_never_deleted BEFORE DELETE ON entries
BEGIN
    SELECT RAISE(ABORT, 'entries are never deleted; retract them instead');
END;

-- The audit trail: who recorded or changed what, when and why. Append-only.
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES entries (id),
    action   TEXT    NOT NULL CHECK (action IN ('insert', 'retract')),
    actor    TEXT    NOT NULL,
    at       TEXT    NOT NULL,
    old      TEXT    NOT NULL DEFAULT '',
    new      TEXT    NOT NULL,
    reason   TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX audit_entry ON audit (entry_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
