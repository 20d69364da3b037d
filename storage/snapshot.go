package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/cttechplus/ctbot"
)

// Current is the snapshot of now, every committed change in: from memory
// (kept current as changes are committed), or the database.
func (db *DB) Current(ctx context.Context, fw *ctbot.Framework) (*ctbot.Snapshot, error) {
	return db.Snapshot(ctx, fw, endOfTime)
}

// Snapshot aggregates what was known at instant asOf (what was recorded by
// then, in the versions then in force, without what was retracted by then)
// into the figures status answers and digests need: ctbot.Fold of those
// entries, computed from running sums and indexed lookups so that it costs
// about the same at any size. All reads see one state of the database.
func (db *DB) Snapshot(ctx context.Context, fw *ctbot.Framework, asOf time.Time) (*ctbot.Snapshot, error) {
	asOf = db.upTo(asOf)
	if s := db.live.snapshot(ctx, fw, asOf); s != nil {
		return s, nil
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("storage: snapshot: %w", err)
	}
	defer tx.Rollback()
	s, err := snapshot(ctx, tx, fw, asOf)
	if err != nil {
		return nil, fmt.Errorf("storage: snapshot at %s: %w", formatTime(asOf), err)
	}
	return s, nil
}

func snapshot(ctx context.Context, tx querier, fw *ctbot.Framework, asOf time.Time) (*ctbot.Snapshot, error) {
	k, err := newKnown(ctx, tx, asOf)
	if err != nil {
		return nil, err
	}
	sm, err := k.sums(ctx)
	if err != nil {
		return nil, err
	}
	s := ctbot.NewSnapshot()
	for c, t := range sm.trainings {
		if t.Count != 0 {
			s.Trainings[c] = t
		}
	}
	for c, w := range sm.workshops {
		if w != (ctbot.WorkshopTotals{}) {
			s.Workshops[c] = w
		}
	}
	for _, step := range []func(context.Context, *ctbot.Framework, *ctbot.Snapshot, *sums) error{k.kickoffs, k.openWorkshops, k.lastEntries, k.indicators, k.coursesAndReadiness} {
		if err := step(ctx, fw, s, sm); err != nil {
			return nil, err
		}
	}
	ctbot.ValueOrder(s.Open)
	return s, nil
}

// coursesAndReadiness adds up the trainings that name a topic and finds
// the states' latest readiness assessments: few rows, by partial indexes.
func (k *known) coursesAndReadiness(ctx context.Context, _ *ctbot.Framework, s *ctbot.Snapshot, _ *sums) error {
	trainings, err := k.entries(ctx, `e.rowid IN (SELECT rowid FROM entries INDEXED BY entries_topic WHERE kind = 'training' AND topic != '')`, nil,
		func(e *ctbot.Entry) bool { return e.Kind == ctbot.KindTraining && e.Topic != "" })
	if err != nil {
		return err
	}
	s.Courses = ctbot.FoldCourses(trainings, ctbot.Date{})
	scored, err := k.entries(ctx, `e.rowid IN (SELECT rowid FROM entries INDEXED BY entries_scores WHERE scores != '')`, nil,
		func(e *ctbot.Entry) bool { return len(e.Scores) > 0 })
	if err != nil {
		return err
	}
	s.Readiness = ctbot.FoldReadiness(scored, ctbot.Date{})
	return nil
}

// kickoffs finds each country's latest kick-off entry, and the open ones.
func (k *known) kickoffs(ctx context.Context, fw *ctbot.Framework, s *ctbot.Snapshot, _ *sums) error {
	for _, c := range fw.Countries {
		e, err := scanEntry(k.tx.QueryRowContext(ctx, `SELECT `+entryColumns+` FROM entries e INDEXED BY entries_kickoff
			WHERE kind = 'kickoff' AND country = ? AND `+k.current("e")+` ORDER BY id DESC LIMIT 1`, append([]any{c.Code}, k.args()...)...))
		switch {
		case err == nil:
			s.Kickoffs[c.Code] = e
		case !errors.Is(err, ctbot.ErrNotFound):
			return err
		}
	}
	for _, v := range k.dirtyOf(func(e *ctbot.Entry) bool { return e.Kind == ctbot.KindKickoff }) {
		if cur := s.Kickoffs[v.Country]; cur == nil || v.ID > cur.ID {
			s.Kickoffs[v.Country] = v
		}
	}
	for _, c := range fw.Countries {
		if e := s.Kickoffs[c.Code]; e != nil && e.Status.Open() {
			s.Open = append(s.Open, e)
		}
	}
	return nil
}

// openWorkshops lists the workshops whose latest entry in their series is
// planned or postponed. The indexes are named, as the planner left alone
// can pick a scan here.
func (k *known) openWorkshops(ctx context.Context, _ *ctbot.Framework, s *ctbot.Snapshot, _ *sums) error {
	es, err := queryEntries(ctx, k.tx, `SELECT `+entryColumns+` FROM entries e INDEXED BY entries_open
		WHERE kind = 'workshop' AND status IN ('planned', 'postponed') AND `+k.current("e")+`
		AND NOT EXISTS (SELECT 1 FROM entries n INDEXED BY entries_series WHERE n.kind IN ('workshop', 'kickoff') AND n.series = e.series
			AND n.id > e.id AND `+inForce("n")+`)`, append(k.args(), k.args()...)...)
	if err != nil {
		return err
	}
	s.Open = append(s.Open, es...)
	for _, v := range k.dirtyOf(func(e *ctbot.Entry) bool { return e.Kind == ctbot.KindWorkshop && e.Status.Open() }) {
		latest, err := latestOfSeriesAt(ctx, k.tx, v.Series, k.at)
		if err != nil {
			return err
		}
		if latest != nil && latest.ID == v.ID {
			s.Open = append(s.Open, v)
		}
	}
	return nil
}

// lastEntries finds the newest entry of each country with one indexed
// lookup each.
func (k *known) lastEntries(ctx context.Context, fw *ctbot.Framework, s *ctbot.Snapshot, _ *sums) error {
	for _, c := range append([]string{""}, countryCodes(fw)...) {
		var last sql.NullString
		if err := k.tx.QueryRowContext(ctx, `SELECT MAX(created_at) FROM entries e INDEXED BY entries_country_time WHERE country = ? AND `+
			k.current("e"), append([]any{c}, k.args()...)...).Scan(&last); err != nil {
			return err
		}
		if last.Valid {
			t, err := parseTime(last.String)
			if err != nil {
				return err
			}
			s.LastEntry[c] = t
		}
	}
	for _, v := range k.dirtyOf(func(*ctbot.Entry) bool { return true }) {
		if cur, ok := s.LastEntry[v.Country]; !ok || v.CreatedAt.After(cur) {
			s.LastEntry[v.Country] = v.CreatedAt
		}
	}
	return nil
}

func countryCodes(fw *ctbot.Framework) []string {
	out := make([]string, len(fw.Countries))
	for i, c := range fw.Countries {
		out[i] = c.Code
	}
	return out
}

// indicators replays each indicator's ledger per country: the latest set
// or stage by value date, plus the "+N" updates after it; without a set,
// the sum of all "+N" updates; for an indicator fed by trainings, the
// trainings' new=N plus the adjustments.
func (k *known) indicators(ctx context.Context, fw *ctbot.Framework, s *ctbot.Snapshot, sm *sums) error {
	for _, ind := range fw.Indicators {
		for _, c := range append([]string{""}, countryCodes(fw)...) {
			if err := k.indicator(ctx, ind, c, s, sm); err != nil {
				return err
			}
		}
	}
	return nil
}

// indicator replays one ledger: ind's for country c ("" programme), with
// its "+N" sums from sm and, if fed by trainings, the trainings in s.
func (k *known) indicator(ctx context.Context, ind *ctbot.Indicator, c string, s *ctbot.Snapshot, sm *sums) error {
	key := ctbot.IndicatorKey{Indicator: ind.Code, Country: c}
	adds := sm.adds[key]
	var v ctbot.IndicatorValue
	v.Entries = int(adds.n)
	if ind.Source == ctbot.SourceTrainings {
		v.Adjusted = adds.value
		v.Evidence = ctbot.EvidenceCount{Values: int(adds.n), WithEvidence: int(adds.ev), Verified: int(adds.ver)}
		v.Value = v.Adjusted // the programme's value; a state's is fed by its trainings
		if c != "" {
			v.Feed(s.Trainings[c])
		}
		if v.HasData() {
			s.Indicators[key] = v
		}
		return nil
	}
	last, err := k.lastTwo(ctx, key)
	if err != nil {
		return err
	}
	v.Entries += len(last)
	var set *ctbot.Entry
	for _, e := range last {
		if e.Op == ctbot.OpStage {
			if v.Stage == "" {
				v.Stage = e.Stage
			} else if v.StageBefore == "" {
				v.StageBefore = e.Stage
			}
		} else if set == nil {
			set = e
		}
	}
	switch {
	case v.Stage != "":
		v.Evidence.Count(last[0]) // the latest stage
	case set == nil:
		v.Value, v.Denom = adds.value, adds.denom
		v.Evidence = ctbot.EvidenceCount{Values: int(adds.n), WithEvidence: int(adds.ev), Verified: int(adds.ver)}
	default:
		after, err := k.addsAfter(ctx, key, set)
		if err != nil {
			return err
		}
		v.Value, v.Denom = set.Value+after.value, set.Denom+after.denom
		v.Evidence = ctbot.EvidenceCount{Values: int(after.n), WithEvidence: int(after.ev), Verified: int(after.ver)}
		v.Evidence.Count(set)
	}
	if v.HasData() {
		s.Indicators[key] = v
	}
	return nil
}

// lastTwo returns the latest two sets or stages of a ledger, in value order
// (latest first).
func (k *known) lastTwo(ctx context.Context, key ctbot.IndicatorKey) ([]*ctbot.Entry, error) {
	es, err := queryEntries(ctx, k.tx, `SELECT `+entryColumns+` FROM entries e INDEXED BY entries_ledger
		WHERE kind = 'indicator' AND indicator = ? AND country = ? AND op IN ('set', 'stage') AND `+k.current("e")+`
		ORDER BY date DESC, id DESC LIMIT 2`, append([]any{key.Indicator, key.Country}, k.args()...)...)
	if err != nil {
		return nil, err
	}
	es = append(es, k.dirtyOf(func(e *ctbot.Entry) bool {
		return e.Kind == ctbot.KindIndicator && e.Indicator == key.Indicator && e.Country == key.Country && e.Op != ctbot.OpAdd
	})...)
	ctbot.ValueOrder(es)
	for i, j := 0, len(es)-1; i < j; i, j = i+1, j-1 {
		es[i], es[j] = es[j], es[i]
	}
	return es[:min(2, len(es))], nil
}

// addsAfter sums a ledger's "+N" updates that apply after set (by value
// date, then recording order).
func (k *known) addsAfter(ctx context.Context, key ctbot.IndicatorKey, set *ctbot.Entry) (addSum, error) {
	var a addSum
	d := set.Date.String()
	if err := k.tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(value), 0), COALESCE(SUM(denom), 0),
		COALESCE(SUM(evidence <> '' OR link <> ''), 0), COALESCE(SUM(verified_by <> ''), 0) FROM entries e INDEXED BY entries_ledger
		WHERE kind = 'indicator' AND indicator = ? AND country = ? AND op = 'add' AND (date > ? OR date = ? AND id > ?) AND `+k.current("e"),
		append([]any{key.Indicator, key.Country, d, d, set.ID}, k.args()...)...).Scan(&a.n, &a.value, &a.denom, &a.ev, &a.ver); err != nil {
		return a, err
	}
	for _, v := range k.dirtyOf(func(e *ctbot.Entry) bool {
		return e.Kind == ctbot.KindIndicator && e.Indicator == key.Indicator && e.Country == key.Country && e.Op == ctbot.OpAdd &&
			(e.Date.After(set.Date) || e.Date == set.Date && e.ID > set.ID)
	}) {
		a.n++
		a.value += v.Value
		a.denom += v.Denom
		if v.HasEvidence() {
			a.ev++
		}
		if v.Verified() {
			a.ver++
		}
	}
	return a, nil
}
