-- Each person's settings (the language ctbot writes to them in), and the
-- append-only log of every change: who set what, from what, when.
CREATE TABLE user_settings (
    user     TEXT NOT NULL PRIMARY KEY,
    language TEXT NOT NULL,
    set_at   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE settings_log (
    id      INTEGER PRIMARY KEY,
    user    TEXT NOT NULL,
    setting TEXT NOT NULL,
    old     TEXT NOT NULL,
    new     TEXT NOT NULL,
    at      TEXT NOT NULL
);

CREATE TRIGGER settings_log_no_update BEFORE UPDATE ON settings_log
BEGIN
    SELECT RAISE(ABORT, 'the settings log is append-only');
END;

CREATE TRIGGER settings_log_no_delete BEFORE DELETE ON settings_log
BEGIN
    SELECT RAISE(ABORT, 'the settings log is append-only');
END;
