package storage

import (
	"context"
	"database/sql"
	"errors"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cttechplus/ctbot"
)

// liveWindow is how far back the entries kept in memory go: a digest's
// week, and a day or two to catch up a late run.
const liveWindow = 9 * 24 * time.Hour

// liveChange is one committed change of an entry, as the writer hands it
// over: the entry before (nil for a recording) and after (nil for a
// retraction), what it changed in the running sums, its place in the
// sequence of changes and its instant.
type liveChange struct {
	before, after *ctbot.Entry
	sums          *sums
	seq           int64
	at            time.Time
}

// live keeps the figures of now in memory: the snapshot every entry in
// force makes, and the entries of the last days (a digest's week). It is
// built from the database on first use and kept current by the writer,
// which hands it each committed change, in commit order, before it answers
// the writes' callers. Reads as of now (or of any instant since the latest
// change) are answered from it without touching the entries; each first
// reads the change sequence (one row), so a change made by another process
// writing to the same file is noticed and the memory rebuilt.
type live struct {
	db   *DB
	mu   sync.Mutex
	cond *sync.Cond // signalled when the writer has applied a batch

	fw       *ctbot.Framework
	built    bool
	builds   int  // times built from the database
	shared   bool // snap was handed to readers: copy it before a change
	snap     *ctbot.Snapshot
	seq      int64     // the last change reflected
	last     time.Time // the instant of that change
	inflight int64     // the last change of a batch being committed and applied, 0 for none

	// recent holds the entries in force (current versions) recorded since
	// from, or (trainings, workshops) dated since.
	from   time.Time
	recent *recent
}

func newLive(db *DB) *live {
	l := &live{db: db}
	l.cond = sync.NewCond(&l.mu)
	return l
}

// close forgets what is in memory.
func (l *live) close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.built = false
	return nil
}

// ready makes the memory current for fw and reports whether it answers for
// instant at (no change after it). The caller holds l.mu.
func (l *live) ready(ctx context.Context, fw *ctbot.Framework, at time.Time) bool {
	if l.fw != nil && l.fw != fw {
		return false // another framework: the database answers
	}
	l.fw = fw
	if l.built && !l.fresh(ctx) {
		l.built = false
	}
	if !l.built {
		if err := l.build(ctx); err != nil {
			l.db.logf("live: rebuilding from the database failed: %v", err)
			return false
		}
	}
	return !at.Before(l.last)
}

// fresh reports whether no change is missing from memory: the change
// sequence in the database is the one applied, or this process's writer
// is applying it (waited for). The caller holds l.mu.
func (l *live) fresh(ctx context.Context) bool {
	var n int64
	if err := l.db.reads().QueryRowContext(ctx, `SELECT n FROM change_seq WHERE id = 1`).Scan(&n); err != nil {
		return false
	}
	for n > l.seq && l.inflight >= n && l.built {
		l.cond.Wait() // our own writer is applying them
	}
	return n <= l.seq && l.built
}

// build reads the figures, the recent entries and the change sequence
// from the database in one read transaction. The caller holds l.mu.
func (l *live) build(ctx context.Context) error {
	tx, err := l.db.beginRead(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, `SELECT n FROM change_seq WHERE id = 1`).Scan(&l.seq); err != nil {
		return err
	}
	l.shared = false
	if l.snap, err = snapshot(ctx, tx, l.fw, endOfTime); err != nil {
		return err
	}
	var last sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT MAX(t) FROM (
		SELECT MAX(created_at) AS t FROM entries INDEXED BY entries_created
		UNION ALL SELECT MAX(known_from) FROM entries INDEXED BY entries_known_from WHERE version > 1
		UNION ALL SELECT MAX(retracted_at) FROM entries INDEXED BY entries_retracted_at WHERE retracted = 1)`).Scan(&last); err != nil {
		return err
	}
	l.last = time.Time{}
	if last.Valid {
		if l.last, err = parseTime(last.String); err != nil {
			return err
		}
	}
	l.from = l.db.now().Add(-liveWindow)
	from, day := formatTime(l.from), ctbot.DateOf(l.from).String()
	// Row by row into the compact arrays: the window's entries are never
	// all in memory at once.
	// The three parts are disjoint: no UNION's temporary table.
	rows, err := tx.QueryContext(ctx, `SELECT `+entryColumns+` FROM entries INDEXED BY entries_created WHERE created_at >= ? AND retracted = 0
		UNION ALL SELECT `+entryColumns+` FROM entries INDEXED BY entries_training
			WHERE kind = 'training' AND date >= ? AND retracted = 0 AND created_at < ?
		UNION ALL SELECT `+entryColumns+` FROM entries INDEXED BY entries_workshop_date
			WHERE kind = 'workshop' AND date >= ? AND retracted = 0 AND created_at < ?`,
		from, day, from, day, from)
	if err != nil {
		return err
	}
	defer rows.Close()
	l.recent = newRecent()
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return err
		}
		l.recent.add(e)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	l.recent.sort()
	l.built = true
	l.builds++
	return nil
}

// begin tells readers that the writer is committing changes up to seq.
func (l *live) begin(seq int64) {
	l.mu.Lock()
	l.inflight = seq
	l.mu.Unlock()
}

// apply brings the memory up to the committed changes cs, in order. A gap
// in the sequence (another process wrote between) or a failure to read
// what a change needs makes the next read rebuild it.
func (l *live) apply(ctx context.Context, cs []liveChange) {
	l.mu.Lock()
	defer l.mu.Unlock()
	defer l.cond.Broadcast()
	l.inflight = 0
	if !l.built {
		return
	}
	if l.shared {
		l.snap, l.shared = copySnapshot(l.snap), false
	}
	for _, c := range cs {
		switch {
		case c.seq <= l.seq:
			continue // already read by a rebuild
		case c.seq != l.seq+1:
			l.built = false
			return
		}
		if err := l.one(ctx, c); err != nil {
			l.db.logf("live: applying change %d failed, rebuilding: %v", c.seq, err)
			l.built = false
			return
		}
		l.seq, l.last = c.seq, c.at
	}
	if l.db.now().Sub(l.from) > liveWindow+24*time.Hour {
		l.prune()
	}
}

// cancel tells readers that a batch was not committed.
func (l *live) cancel() {
	l.mu.Lock()
	l.inflight = 0
	l.cond.Broadcast()
	l.mu.Unlock()
}

// one applies one change to the snapshot and the recent entries.
func (l *live) one(ctx context.Context, c liveChange) error {
	s := l.snap
	for country, t := range c.sums.trainings {
		cur := s.Trainings[country]
		cur.Merge(t, 1)
		if cur.Count == 0 {
			delete(s.Trainings, country)
		} else {
			s.Trainings[country] = cur
		}
	}
	for country, w := range c.sums.workshops {
		cur := s.Workshops[country]
		cur.Add(w, 1)
		if cur == (ctbot.WorkshopTotals{}) {
			delete(s.Workshops, country)
		} else {
			s.Workshops[country] = cur
		}
	}
	// What the change touches, each once: an amendment's two versions
	// usually share their state and series.
	countries, keys, assessed := map[string]bool{}, map[ctbot.IndicatorKey]bool{}, map[string]bool{}
	type series struct {
		kind    ctbot.Kind
		country string
		id      int64
	}
	events := map[series]*ctbot.Entry{}
	l.courses(c.before, -1)
	l.courses(c.after, 1)
	for _, e := range []*ctbot.Entry{c.before, c.after} {
		if e == nil {
			continue
		}
		countries[e.Country] = true
		if len(e.Scores) > 0 {
			assessed[e.Country] = true
		}
		switch e.Kind {
		case ctbot.KindIndicator:
			keys[ctbot.IndicatorKey{Indicator: e.Indicator, Country: e.Country}] = true
		case ctbot.KindTraining:
			for _, ind := range l.fw.Indicators {
				if ind.Source == ctbot.SourceTrainings {
					keys[ctbot.IndicatorKey{Indicator: ind.Code, Country: e.Country}] = true
				}
			}
		case ctbot.KindKickoff, ctbot.KindWorkshop:
			events[series{e.Kind, e.Country, e.Series}] = e
		}
	}
	for country := range assessed {
		if err := l.readiness(ctx, country); err != nil {
			return err
		}
	}
	for _, e := range events {
		if err := l.event(ctx, e); err != nil {
			return err
		}
	}
	for country := range countries {
		if err := l.lastEntry(ctx, country, c); err != nil {
			return err
		}
	}
	for k := range keys {
		if err := l.indicator(ctx, k); err != nil {
			return err
		}
	}
	if c.before != nil {
		l.recent.remove(c.before.ID)
	}
	if e := c.after; e != nil && l.inWindow(e) {
		l.recent.set(e)
	}
	return nil
}

// courses adds (sign 1) or takes away (-1) training e to the breakdown by
// topic and level, if it names a topic.
func (l *live) courses(e *ctbot.Entry, sign int) {
	if e == nil || e.Kind != ctbot.KindTraining || e.Topic == "" {
		return
	}
	k := ctbot.CourseKey{Country: e.Country, Topic: e.Topic, Level: e.Level}
	t := l.snap.Courses[k]
	t.Add(e, sign)
	if t.Count == 0 {
		delete(l.snap.Courses, k)
	} else {
		l.snap.Courses[k] = t
	}
}

// readiness reads a state's assessments again for its profile.
func (l *live) readiness(ctx context.Context, country string) error {
	es, err := queryEntries(ctx, l.db.reads(), `SELECT `+entryColumns+` FROM entries INDEXED BY entries_scores
		WHERE country = ? AND scores != '' AND retracted = 0`, country)
	if err != nil {
		return err
	}
	if p, ok := ctbot.FoldReadiness(es, ctbot.Date{})[country]; ok {
		l.snap.Readiness[country] = p
	} else {
		delete(l.snap.Readiness, country)
	}
	return nil
}

// inWindow reports whether e belongs with the recent entries.
func (l *live) inWindow(e *ctbot.Entry) bool {
	return !e.CreatedAt.Before(l.from) || (e.Kind == ctbot.KindTraining || e.Kind == ctbot.KindWorkshop) && !e.Date.Before(ctbot.DateOf(l.from))
}

// event refreshes a kick-off's or workshop's series: the country's latest
// kick-off, and whether the series is open.
func (l *live) event(ctx context.Context, e *ctbot.Entry) error {
	s := l.snap
	open := s.Open[:0]
	for _, o := range s.Open {
		if o.Series != e.Series && !(e.Kind == ctbot.KindKickoff && o.Kind == ctbot.KindKickoff && o.Country == e.Country) {
			open = append(open, o)
		}
	}
	s.Open = open
	if e.Kind == ctbot.KindKickoff {
		k, err := scanEntry(l.db.reads().QueryRowContext(ctx, `SELECT `+entryColumns+` FROM entries INDEXED BY entries_kickoff
			WHERE kind = 'kickoff' AND country = ? AND retracted = 0 ORDER BY id DESC LIMIT 1`, e.Country))
		switch {
		case errors.Is(err, ctbot.ErrNotFound):
			delete(s.Kickoffs, e.Country)
		case err != nil:
			return err
		default:
			s.Kickoffs[e.Country] = k
			if k.Status.Open() {
				s.Open = append(s.Open, k)
			}
		}
		ctbot.ValueOrder(s.Open)
		return nil
	}
	latest, err := scanEntry(l.db.reads().QueryRowContext(ctx, `SELECT `+entryColumns+` FROM entries INDEXED BY entries_series
		WHERE kind IN ('workshop', 'kickoff') AND series = ? AND retracted = 0 ORDER BY id DESC LIMIT 1`, e.Series))
	switch {
	case errors.Is(err, ctbot.ErrNotFound):
	case err != nil:
		return err
	case latest.Status.Open():
		s.Open = append(s.Open, latest)
	}
	ctbot.ValueOrder(s.Open)
	return nil
}

// lastEntry keeps a country's latest recording: a new entry may be it; a
// retraction or an amendment that moved an entry may change it.
func (l *live) lastEntry(ctx context.Context, country string, c liveChange) error {
	s := l.snap
	if c.before == nil {
		if cur, ok := s.LastEntry[country]; !ok || c.after.CreatedAt.After(cur) {
			s.LastEntry[country] = c.after.CreatedAt
		}
		return nil
	}
	var last sql.NullString
	if err := l.db.reads().QueryRowContext(ctx, `SELECT MAX(created_at) FROM entries INDEXED BY entries_country_time
		WHERE country = ? AND retracted = 0`, country).Scan(&last); err != nil {
		return err
	}
	if !last.Valid {
		delete(s.LastEntry, country)
		return nil
	}
	t, err := parseTime(last.String)
	if err != nil {
		return err
	}
	s.LastEntry[country] = t
	return nil
}

// indicator replays one ledger from the database, as the snapshot does.
func (l *live) indicator(ctx context.Context, key ctbot.IndicatorKey) error {
	ind := l.fw.Indicator(key.Indicator)
	if ind == nil {
		return nil
	}
	var a addSum
	err := l.db.reads().QueryRowContext(ctx, `SELECT n, value, denom, with_evidence, verified FROM add_sums
		WHERE indicator = ? AND country = ? AND day = ''`, key.Indicator, key.Country).Scan(&a.n, &a.value, &a.denom, &a.ev, &a.ver)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	sm := newSums()
	sm.adds[key] = a
	k := &known{tx: l.db.reads(), at: endOfTime, t: formatTime(endOfTime), dirty: map[int64]*ctbot.Entry{}, ids: "0"}
	delete(l.snap.Indicators, key)
	return k.indicator(ctx, ind, key.Country, l.snap, sm)
}

// prune drops the recent entries that fell out of the window.
func (l *live) prune() {
	l.from = l.db.now().Add(-liveWindow)
	from, day := l.from.UnixNano(), int32(ctbot.DateOf(l.from).Ordinal())
	training, workshop := kindCodes[ctbot.KindTraining], kindCodes[ctbot.KindWorkshop]
	l.recent = l.recent.keep(func(at int64, kind uint8, d int32) bool {
		return at >= from || (kind == training || kind == workshop) && d >= day
	})
}

// snapshot is the figures of now, if they answer for instant at. Readers
// share it and never change it; the writer copies it before changing
// what a reader may hold.
func (l *live) snapshot(ctx context.Context, fw *ctbot.Framework, at time.Time) *ctbot.Snapshot {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.ready(ctx, fw, at) {
		return nil
	}
	l.shared = true
	return l.snap
}

// week is the activity of a period from the recent entries, if they
// answer for it: the period inside the window, and no change after until.
func (l *live) week(ctx context.Context, since, until time.Time, from, to ctbot.Date) *ctbot.WeekActivity {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fw == nil || !l.ready(ctx, l.fw, until) || since.Before(l.from) || from.Before(ctbot.DateOf(l.from)) {
		return nil
	}
	return l.recent.week(since, until, from, to)
}

// entriesAt are the recent entries of kind recorded in (since, until],
// newest first, at most limit: memory picks them, the database reads
// them. ok is false when memory does not answer, or one of them changed
// after until (the database then answers as of until).
func (l *live) entriesAt(ctx context.Context, kind ctbot.Kind, since, until time.Time, limit int) (out []*ctbot.Entry, ok bool) {
	l.mu.Lock()
	if l.fw == nil || !l.ready(ctx, l.fw, until) || since.Before(l.from) {
		l.mu.Unlock()
		return nil, false
	}
	ids := l.recent.newest(kind, since, until, limit)
	l.mu.Unlock()
	if len(ids) == 0 {
		return nil, true
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	es, err := queryEntries(ctx, l.db.reads(), `SELECT `+entryColumns+` FROM entries WHERE id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, args...)
	if err != nil || len(es) != len(ids) {
		return nil, false
	}
	byID := make(map[int64]*ctbot.Entry, len(es))
	for _, e := range es {
		if e.Retracted || e.KnownFrom.After(until) {
			return nil, false
		}
		byID[e.ID] = e
	}
	for i, id := range ids {
		es[i] = byID[id]
	}
	return es, true
}

// copySnapshot copies the maps of s (and its list of open events); the
// entries they point to are never changed in place.
func copySnapshot(s *ctbot.Snapshot) *ctbot.Snapshot {
	return &ctbot.Snapshot{
		Kickoffs: maps.Clone(s.Kickoffs), Open: slices.Clone(s.Open), Workshops: maps.Clone(s.Workshops),
		Trainings: maps.Clone(s.Trainings), Indicators: maps.Clone(s.Indicators), LastEntry: maps.Clone(s.LastEntry),
		Courses: maps.Clone(s.Courses), Readiness: maps.Clone(s.Readiness),
	}
}
