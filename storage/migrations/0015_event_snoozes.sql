-- "Remind me next week": a person asked to be reminded of an event again
-- on a later day. The daily job asks again on that day (or the first
-- working day after it) while the event is still open.
CREATE TABLE event_snoozes (
    series    INTEGER NOT NULL, -- the event: the first entry of its series
    remind_on TEXT    NOT NULL, -- the day to ask again (YYYY-MM-DD)
    actor     TEXT    NOT NULL, -- who asked
    at        TEXT    NOT NULL,
    PRIMARY KEY (series, remind_on)
) WITHOUT ROWID;
