-- Slack event IDs seen in the last day, so that retried deliveries (also
-- across a restart) are handled once.
CREATE TABLE slack_events (
    event_id    TEXT PRIMARY KEY,
    received_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX slack_events_received ON slack_events (received_at);
