-- Rollups: per-day sums of what status and digests add up, so they cost the
-- same with a thousand entries or a million. rollups[metric, country, day]
-- is the sum of the contributions of the non-retracted entries created on
-- that (UTC) day.
--
-- Trainings and indicator "+N" updates contribute their numbers. A workshop
-- contributes the change it made to its series' state (held or not, with
-- its participants), kept on the entry in d_held, d_participants and
-- d_women, so that the sum over a series is its latest state.
ALTER TABLE entries ADD COLUMN d_held INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entries ADD COLUMN d_participants INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entries ADD COLUMN d_women INTEGER NOT NULL DEFAULT 0;

CREATE TABLE rollups (
    metric  TEXT    NOT NULL,
    country TEXT    NOT NULL,
    day     TEXT    NOT NULL,
    value   INTEGER NOT NULL,
    PRIMARY KEY (metric, country, day)
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
INSERT INTO rollups (metric, country, day, value)
SELECT metric, country, day, SUM(v) FROM (
    SELECT 'training.count' AS metric, country, substr(created_at, 1, 10) AS day, 1 AS v FROM entries WHERE kind = 'training' AND retracted = 0
    UNION ALL SELECT 'training.online', country, substr(created_at, 1, 10), online FROM entries WHERE kind = 'training' AND retracted = 0
    UNION ALL SELECT 'training.trained', country, substr(created_at, 1, 10), trained FROM entries WHERE kind = 'training' AND retracted = 0
    UNION ALL SELECT 'training.women', country, substr(created_at, 1, 10), women FROM entries WHERE kind = 'training' AND retracted = 0
    UNION ALL SELECT 'training.new', country, substr(created_at, 1, 10), new_count FROM entries WHERE kind = 'training' AND retracted = 0
    UNION ALL SELECT 'workshop.held', country, substr(created_at, 1, 10), d_held FROM entries WHERE kind = 'workshop' AND retracted = 0
    UNION ALL SELECT 'workshop.participants', country, substr(created_at, 1, 10), d_participants FROM entries WHERE kind = 'workshop' AND retracted = 0
    UNION ALL SELECT 'workshop.women', country, substr(created_at, 1, 10), d_women FROM entries WHERE kind = 'workshop' AND retracted = 0
    UNION ALL SELECT 'add:' || indicator, country, substr(created_at, 1, 10), value FROM entries WHERE kind = 'indicator' AND op = 'add' AND retracted = 0
    UNION ALL SELECT 'addden:' || indicator, country, substr(created_at, 1, 10), denom FROM entries WHERE kind = 'indicator' AND op = 'add' AND retracted = 0
) GROUP BY metric, country, day;

-- Indexed lookups that replace scans.
CREATE INDEX entries_indicator_abs ON entries (indicator, country, retracted, created_at)
    WHERE kind = 'indicator' AND op IN ('set', 'stage');
CREATE INDEX entries_open ON entries (kind, date) WHERE status IN ('planned', 'postponed') AND retracted = 0;
CREATE INDEX entries_kind_date ON entries (kind, date);
CREATE INDEX entries_kind_created ON entries (kind, created_at);

-- Running totals of every rollup, so "now" needs only today's rows.
CREATE TABLE rollup_totals (
    metric  TEXT    NOT NULL,
    country TEXT    NOT NULL,
    value   INTEGER NOT NULL,
    PRIMARY KEY (metric, country)
) WITHOUT ROWID;

INSERT INTO rollup_totals (metric, country, value)
SELECT metric, country, SUM(value) FROM rollups GROUP BY metric, country;

-- Newest-first histories of one country.
CREATE INDEX entries_country_time ON entries (country, created_at);
