-- A closed period's report never moves: its close keeps, in the same
-- transaction, what rendering it needs (kept_reports.report, JSON: the
-- results framework in force and the logframe's figures; evidence by
-- entry version, so no free text) and the latest framework version logged
-- then. A close logged before this migration kept none.
CREATE TABLE kept_reports (
    close_id     INTEGER PRIMARY KEY REFERENCES period_log (id),
    framework_id INTEGER NOT NULL DEFAULT 0,
    report       TEXT    NOT NULL
);
CREATE TRIGGER kept_reports_no_update BEFORE UPDATE ON kept_reports
BEGIN
    SELECT RAISE(ABORT, 'a kept report is never changed');
END;
CREATE TRIGGER kept_reports_no_delete BEFORE DELETE ON kept_reports
BEGIN
    SELECT RAISE(ABORT, 'a kept report is never deleted');
END;

-- The versions of the results framework, the framework's audit trail: a
-- ctbot that starts with a configuration whose framework differs from the
-- latest logged logs it (actor 'config'), in canonical JSON, with what
-- changed (JSON [{"indicator"|"country", "field", "key", "old", "new"}]).
CREATE TABLE framework_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    source    TEXT NOT NULL DEFAULT '',
    hash      TEXT NOT NULL,
    framework TEXT NOT NULL,
    changes   TEXT NOT NULL DEFAULT '[]'
);
CREATE TRIGGER framework_log_no_update BEFORE UPDATE ON framework_log
BEGIN
    SELECT RAISE(ABORT, 'the framework log is append-only');
END;
CREATE TRIGGER framework_log_no_delete BEFORE DELETE ON framework_log
BEGIN
    SELECT RAISE(ABORT, 'the framework log is append-only');
END;
