-- Roles coordinators give in Slack (/ct access), added to those of the
-- configuration, and the append-only trail of every grant, removal and
-- request for access: who, what, by whom, when.
CREATE TABLE roles (
    user       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('coordinator', 'manager', 'staff', 'focal')),
    country    TEXT NOT NULL DEFAULT '' CHECK ((role = 'focal') = (country <> '')),
    granted_by TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    PRIMARY KEY (user, role, country)
) WITHOUT ROWID;

CREATE TABLE role_log (
    id      INTEGER PRIMARY KEY,
    action  TEXT NOT NULL CHECK (action IN ('grant', 'revoke', 'request')),
    user    TEXT NOT NULL,
    role    TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    actor   TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE TRIGGER role_log_no_update BEFORE UPDATE ON role_log
BEGIN
    SELECT RAISE(ABORT, 'the role log is append-only');
END;
CREATE TRIGGER role_log_no_delete BEFORE DELETE ON role_log
BEGIN
    SELECT RAISE(ABORT, 'the role log is append-only');
END;
