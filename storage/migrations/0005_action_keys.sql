-- Keys of the user actions that wrote (Slack trigger IDs, envelope IDs,
-- hashes of signed requests), so an action delivered or replayed again is
-- carried out once, also across a restart. Kept a day: Slack retries and
-- signatures expire within minutes.
CREATE TABLE action_keys (
    key      TEXT    PRIMARY KEY,
    entry_id INTEGER NOT NULL DEFAULT 0, -- the entry it recorded or changed
    at       TEXT    NOT NULL
) WITHOUT ROWID;

CREATE INDEX action_keys_at ON action_keys (at);
