-- Scheduled runs (digests, reminders, nudges), keyed by job and period, so a
-- restart, a second process or a clock change never runs one twice.
CREATE TABLE job_runs (
    job          TEXT    NOT NULL,
    period       TEXT    NOT NULL, -- e.g. the scheduled wall-clock time in the programme zone
    status       TEXT    NOT NULL CHECK (status IN ('running', 'posted', 'failed', 'skipped')),
    scheduled_at TEXT    NOT NULL,
    started_at   TEXT    NOT NULL DEFAULT '',
    finished_at  TEXT    NOT NULL DEFAULT '',
    attempts     INTEGER NOT NULL DEFAULT 0,
    owner        TEXT    NOT NULL DEFAULT '', -- the process holding the lease
    lease_until  TEXT    NOT NULL DEFAULT '',
    message_ts   TEXT    NOT NULL DEFAULT '', -- Slack ts of the first message posted
    detail       TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (job, period)
) WITHOUT ROWID;

CREATE INDEX job_runs_scheduled ON job_runs (scheduled_at);

-- Each message a run delivered (a part of a digest, one DM), so a retried
-- run continues where it stopped instead of posting again.
CREATE TABLE job_deliveries (
    job          TEXT NOT NULL,
    period       TEXT NOT NULL,
    target       TEXT NOT NULL, -- e.g. "channel#0", "dm:U123#0", "chart"
    channel      TEXT NOT NULL,
    ts           TEXT NOT NULL,
    delivered_at TEXT NOT NULL,
    PRIMARY KEY (job, period, target),
    FOREIGN KEY (job, period) REFERENCES job_runs (job, period)
) WITHOUT ROWID;
