-- Daily and monthly sums, so that status and digests cost the same with a
-- thousand entries or a million: daily[country, day] holds what the
-- non-retracted trainings and workshops created on that (UTC) day add up
-- to, and daily_adds[indicator, country, day] the indicator "+N" updates.
-- The same tables hold each month's sums under day = 'YYYY-MM', so a
-- snapshot reads one row per past month and per day of the current month.
--
-- A workshop contributes the change it made to its series' state (held or
-- not, with its participants), kept on the entry in d_held,
-- d_participants and d_women, so that a series adds up to its latest state.
ALTER TABLE entries ADD COLUMN d_held INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entries ADD COLUMN d_participants INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entries ADD COLUMN d_women INTEGER NOT NULL DEFAULT 0;

CREATE TABLE daily (
    country        TEXT    NOT NULL,
    day            TEXT    NOT NULL,
    t_count        INTEGER NOT NULL DEFAULT 0,
    t_online       INTEGER NOT NULL DEFAULT 0,
    t_trained      INTEGER NOT NULL DEFAULT 0,
    t_women        INTEGER NOT NULL DEFAULT 0,
    t_new          INTEGER NOT NULL DEFAULT 0,
    w_held         INTEGER NOT NULL DEFAULT 0,
    w_participants INTEGER NOT NULL DEFAULT 0,
    w_women        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (country, day)
) WITHOUT ROWID;

CREATE TABLE daily_adds (
    indicator TEXT    NOT NULL,
    country   TEXT    NOT NULL,
    day       TEXT    NOT NULL,
    value     INTEGER NOT NULL DEFAULT 0,
    denom     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (indicator, country, day)
) WITHOUT ROWID;

-- Backfill the workshop changes: each entry's state minus its predecessor's.
WITH w AS (
    SELECT id, series,
           (status = 'held') AS h,
           CASE WHEN status = 'held' THEN participants ELSE 0 END AS p,
           CASE WHEN status = 'held' THEN women ELSE 0 END AS f
    FROM entries WHERE kind = 'workshop' AND retracted = 0
), d AS (
    SELECT id,
           h - COALESCE(LAG(h) OVER s, 0) AS dh,
           p - COALESCE(LAG(p) OVER s, 0) AS dp,
           f - COALESCE(LAG(f) OVER s, 0) AS df
    FROM w WINDOW s AS (PARTITION BY series ORDER BY id)
)
UPDATE entries SET d_held = d.dh, d_participants = d.dp, d_women = d.df FROM d WHERE entries.id = d.id;

-- Backfill the sums.
INSERT INTO daily (country, day, t_count, t_online, t_trained, t_women, t_new, w_held, w_participants, w_women)
SELECT country, substr(created_at, 1, 10),
       SUM(kind = 'training'), SUM(CASE WHEN kind = 'training' THEN online ELSE 0 END),
       SUM(CASE WHEN kind = 'training' THEN trained ELSE 0 END), SUM(CASE WHEN kind = 'training' THEN women ELSE 0 END),
       SUM(CASE WHEN kind = 'training' THEN new_count ELSE 0 END),
       SUM(d_held), SUM(d_participants), SUM(d_women)
FROM entries WHERE kind IN ('training', 'workshop') AND retracted = 0
GROUP BY country, substr(created_at, 1, 10);

INSERT INTO daily_adds (indicator, country, day, value, denom)
SELECT indicator, country, substr(created_at, 1, 10), SUM(value), SUM(denom)
FROM entries WHERE kind = 'indicator' AND op = 'add' AND retracted = 0
GROUP BY indicator, country, substr(created_at, 1, 10);

INSERT INTO daily (country, day, t_count, t_online, t_trained, t_women, t_new, w_held, w_participants, w_women)
SELECT country, substr(day, 1, 7), SUM(t_count), SUM(t_online), SUM(t_trained), SUM(t_women), SUM(t_new),
       SUM(w_held), SUM(w_participants), SUM(w_women)
FROM daily GROUP BY country, substr(day, 1, 7);

INSERT INTO daily_adds (indicator, country, day, value, denom)
SELECT indicator, country, substr(day, 1, 7), SUM(value), SUM(denom)
FROM daily_adds GROUP BY indicator, country, substr(day, 1, 7);

-- "Same user, same text within two minutes" is looked up by a hash of the
-- text (0 for entries from before this migration).
ALTER TABLE entries ADD COLUMN source_hash INTEGER NOT NULL DEFAULT 0;
CREATE INDEX entries_dedupe ON entries (user_id, source_hash, created_at);

-- Partial indexes for the lookups that replace scans.
CREATE INDEX entries_indicator_abs ON entries (indicator, country, retracted, created_at)
    WHERE kind = 'indicator' AND op IN ('set', 'stage');
CREATE INDEX entries_open ON entries (kind, date) WHERE status IN ('planned', 'postponed') AND retracted = 0;
CREATE INDEX entries_training_date ON entries (date) WHERE kind = 'training';
CREATE INDEX entries_workshop_date ON entries (date) WHERE kind = 'workshop';
