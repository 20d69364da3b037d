package storage

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/cttechplus/ctbot"
)

// sums is a change to the running sums: what trainings, workshop series
// and indicator "+N" entries add, per country, signed. The rules of what
// an entry adds are ctbot's (TrainingTotals.Add, WorkshopState); storage
// only keeps the sums.
type sums struct {
	trainings map[string]ctbot.TrainingTotals
	workshops map[string]ctbot.WorkshopTotals
	adds      map[ctbot.IndicatorKey]addSum
}

// addSum sums "+N" updates: how many, their values and denominators, and
// how many name their evidence and were verified.
type addSum struct{ n, value, denom, ev, ver int64 }

func newSums() *sums {
	return &sums{trainings: map[string]ctbot.TrainingTotals{}, workshops: map[string]ctbot.WorkshopTotals{},
		adds: map[ctbot.IndicatorKey]addSum{}}
}

// entry adds (sign 1) or takes away (sign -1) what one entry adds by
// itself: a training, or an indicator "+N". Workshops count by series.
func (s *sums) entry(e *ctbot.Entry, sign int) {
	if e == nil {
		return
	}
	switch {
	case e.Kind == ctbot.KindTraining:
		t := s.trainings[e.Country]
		t.Add(e, sign)
		s.trainings[e.Country] = t
	case e.Kind == ctbot.KindIndicator && e.Op == ctbot.OpAdd:
		k := ctbot.IndicatorKey{Indicator: e.Indicator, Country: e.Country}
		a := s.adds[k]
		a.n += int64(sign)
		a.value += int64(sign) * e.Value
		a.denom += int64(sign) * e.Denom
		if e.HasEvidence() {
			a.ev += int64(sign)
		}
		if e.Verified() {
			a.ver += int64(sign)
		}
		s.adds[k] = a
	}
}

// series records that a workshop series' latest entry changed from before
// to after (either may be nil): the series now adds what after says.
func (s *sums) series(before, after *ctbot.Entry) {
	for _, x := range []struct {
		e    *ctbot.Entry
		sign int
	}{{before, -1}, {after, 1}} {
		if x.e == nil {
			continue
		}
		w := s.workshops[x.e.Country]
		w.Add(ctbot.WorkshopState(x.e), x.sign)
		s.workshops[x.e.Country] = w
	}
}

// apply adds the change to the sums of day (YYYY-MM-DD), its month and the
// all-time totals.
func (s *sums) apply(ctx context.Context, tx *Tx, day string) error {
	for _, period := range []string{day, day[:7], ""} {
		for c, t := range s.trainings {
			if t == (ctbot.TrainingTotals{}) {
				continue
			}
			if _, err := tx.ExecContext(ctx, sqlUpsertTrainingSums, c, period, t.Count, t.Online, t.Trained, t.New, t.Women, t.Reported, t.Unreported,
				t.WithEvidence, t.Verified); err != nil {
				return err
			}
		}
		for c, w := range s.workshops {
			if w == (ctbot.WorkshopTotals{}) {
				continue
			}
			if _, err := tx.ExecContext(ctx, sqlUpsertWorkshopSums, c, period, w.Held, w.Participants, w.Women, w.Reported, w.Unreported); err != nil {
				return err
			}
		}
		for k, a := range s.adds {
			if a == (addSum{}) {
				continue
			}
			if _, err := tx.ExecContext(ctx, sqlUpsertAddSums, k.Indicator, k.Country, period, a.n, a.value, a.denom, a.ev, a.ver); err != nil {
				return err
			}
		}
	}
	return nil
}

func dayOf(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// latestInSeries returns the latest entry of a workshop series that is
// not retracted, among those with an ID below before (0: any), or nil.
func latestInSeries(ctx context.Context, tx *Tx, series, before int64) (*ctbot.Entry, error) {
	if before == 0 {
		before = 1 << 62
	}
	e, err := scanEntry(tx.QueryRowContext(ctx, sqlLatestInSeries, series, before))
	if errors.Is(err, ctbot.ErrNotFound) {
		return nil, nil
	}
	return e, err
}

// sumsForInsert is the change e, just inserted, makes.
func sumsForInsert(ctx context.Context, tx *Tx, e *ctbot.Entry) (*sums, error) {
	s := newSums()
	s.entry(e, 1)
	if e.Kind == ctbot.KindWorkshop {
		prev, err := latestInSeries(ctx, tx, e.Series, e.ID)
		if err != nil {
			return nil, err
		}
		s.series(prev, e)
	}
	return s, nil
}

// sumsForChange is the change a retraction (after nil) or an amendment of
// entry before makes.
func sumsForChange(ctx context.Context, tx *Tx, before, after *ctbot.Entry) (*sums, error) {
	s := newSums()
	s.entry(before, -1)
	s.entry(after, 1)
	if before.Kind != ctbot.KindWorkshop {
		return s, nil
	}
	latest, err := latestInSeries(ctx, tx, before.Series, 0)
	if err != nil || latest == nil || latest.ID != before.ID {
		return s, err // not the series' latest entry: the series' state is unchanged
	}
	if after == nil { // the entry before it becomes the latest
		if after, err = latestInSeries(ctx, tx, before.Series, before.ID); err != nil {
			return nil, err
		}
	}
	s.series(before, after)
	return s, nil
}

// readSums reads the sums of the rows selected by where (on day).
func readSums(ctx context.Context, q querier, where string, args ...any) (*sums, error) {
	s := newSums()
	rows, err := q.QueryContext(ctx, `SELECT country, SUM(count), SUM(online), SUM(trained), SUM(new_count), SUM(women), SUM(reported), SUM(unreported),
		SUM(with_evidence), SUM(verified) FROM training_sums WHERE `+where+` GROUP BY country`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var c string
		var t ctbot.TrainingTotals
		if err := rows.Scan(&c, &t.Count, &t.Online, &t.Trained, &t.New, &t.Women, &t.Reported, &t.Unreported, &t.WithEvidence, &t.Verified); err != nil {
			rows.Close()
			return nil, err
		}
		s.trainings[c] = t
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT country, SUM(held), SUM(participants), SUM(women), SUM(reported), SUM(unreported)
		FROM workshop_sums WHERE `+where+` GROUP BY country`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var c string
		var w ctbot.WorkshopTotals
		if err := rows.Scan(&c, &w.Held, &w.Participants, &w.Women, &w.Reported, &w.Unreported); err != nil {
			rows.Close()
			return nil, err
		}
		s.workshops[c] = w
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT indicator, country, SUM(n), SUM(value), SUM(denom), SUM(with_evidence), SUM(verified) FROM add_sums
		WHERE `+where+` GROUP BY indicator, country`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k ctbot.IndicatorKey
		var a addSum
		if err := rows.Scan(&k.Indicator, &k.Country, &a.n, &a.value, &a.denom, &a.ev, &a.ver); err != nil {
			return nil, err
		}
		s.adds[k] = a
	}
	return s, rows.Err()
}

// minus takes o away from s.
func (s *sums) minus(o *sums) {
	for c, t := range o.trainings {
		cur := s.trainings[c]
		cur.Merge(t, -1)
		s.trainings[c] = cur
	}
	for c, w := range o.workshops {
		cur := s.workshops[c]
		cur.Add(w, -1)
		s.workshops[c] = cur
	}
	for k, a := range o.adds {
		cur := s.adds[k]
		cur.n -= a.n
		cur.value -= a.value
		cur.denom -= a.denom
		cur.ev -= a.ev
		cur.ver -= a.ver
		s.adds[k] = cur
	}
}

// querier runs queries: a transaction or a connection pool.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
