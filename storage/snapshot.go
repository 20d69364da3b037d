package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
)

// Snapshot aggregates what was recorded up to asOf (retracted entries left
// out) into the figures status answers and digests need. It reads running
// totals and indexed rows, never all entries, so it costs the same at any
// size. All queries run in one read transaction and see the same state.
func (db *DB) Snapshot(ctx context.Context, fw *ctbot.Framework, asOf time.Time) (*ctbot.Snapshot, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("storage: snapshot: %w", err)
	}
	defer tx.Rollback()
	r := &snapshotReader{tx: tx, fw: fw, asOf: asOf, at: formatTime(asOf)}
	s := &ctbot.Snapshot{
		Kickoffs:   map[string]*ctbot.Entry{},
		Workshops:  map[string]ctbot.WorkshopTotals{},
		Trainings:  map[string]ctbot.TrainingTotals{},
		Indicators: map[ctbot.IndicatorKey]ctbot.IndicatorValue{},
		LastEntry:  map[string]time.Time{},
	}
	for _, step := range []func(context.Context, *ctbot.Snapshot) error{r.totals, r.kickoffs, r.open, r.lastEntries, r.indicators} {
		if err := step(ctx, s); err != nil {
			return nil, fmt.Errorf("storage: snapshot: %w", err)
		}
	}
	return s, nil
}

type snapshotReader struct {
	tx      *sql.Tx
	fw      *ctbot.Framework
	asOf    time.Time
	at      string
	ledgers map[rollupKey]*ledger // the daily sums
	sums    sums                  // every running sum as of asOf
}

// countries are the framework's countries and "" (programme-wide).
func (r *snapshotReader) countries() []string {
	out := []string{""}
	for _, c := range r.fw.Countries {
		out = append(out, c.Code)
	}
	return out
}

// ledger holds one running sum by period, in order: the months before the
// snapshot's month (YYYY-MM), then the days of its month (YYYY-MM-DD),
// with prefix sums.
type ledger struct {
	periods []string
	prefix  []int64 // prefix[i] is the sum of the first i periods
}

func (l *ledger) add(period string, v int64) {
	if len(l.prefix) == 0 {
		l.prefix = []int64{0}
	}
	l.periods = append(l.periods, period)
	l.prefix = append(l.prefix, l.prefix[len(l.prefix)-1]+v)
}

// upTo is the sum of the periods before label.
func (l *ledger) upTo(label string) int64 {
	if l == nil || len(l.periods) == 0 {
		return 0
	}
	return l.prefix[sort.SearchStrings(l.periods, label)]
}

// loadLedgers reads the monthly sums before the snapshot's month and the
// daily sums of its month: a few hundred rows at any size.
func (r *snapshotReader) loadLedgers(ctx context.Context) error {
	r.ledgers = map[rollupKey]*ledger{}
	get := func(k rollupKey) *ledger {
		if r.ledgers[k] == nil {
			r.ledgers[k] = &ledger{}
		}
		return r.ledgers[k]
	}
	day := dayOf(r.asOf)
	month := day[:7]
	rows, err := r.tx.QueryContext(ctx, `SELECT country, day, t_count, t_online, t_trained, t_women, t_new, w_held, w_participants, w_women
		FROM daily WHERE (length(day) = 7 AND day < ?) OR (day >= ? AND day <= ?) ORDER BY country, day`, month, month+"-01", day)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c, d string
		var v [8]int64
		if err := rows.Scan(&c, &d, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]); err != nil {
			return err
		}
		for i, col := range dailyColumns {
			get(rollupKey{col.metric, c}).add(d, v[i])
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	adds, err := r.tx.QueryContext(ctx, `SELECT indicator, country, day, value, denom FROM daily_adds
		WHERE (length(day) = 7 AND day < ?) OR (day >= ? AND day <= ?) ORDER BY indicator, country, day`, month, month+"-01", day)
	if err != nil {
		return err
	}
	defer adds.Close()
	for adds.Next() {
		var ind, c, d string
		var v, den int64
		if err := adds.Scan(&ind, &c, &d, &v, &den); err != nil {
			return err
		}
		get(rollupKey{metricAdd + ind, c}).add(d, v)
		get(rollupKey{metricAddDen + ind, c}).add(d, den)
	}
	return adds.Err()
}

// before is running sum k over the days before day: from the ledgers when
// day is in the snapshot's month; otherwise the months before day's month
// from the ledgers, plus the days of that month before day from daily.
func (r *snapshotReader) before(ctx context.Context, k rollupKey, day string) (int64, error) {
	l := r.ledgers[k]
	if day[:7] == dayOf(r.asOf)[:7] {
		return l.upTo(day), nil
	}
	sum := l.upTo(day[:7])
	var v sql.NullInt64
	var err error
	if ind, ok := strings.CutPrefix(k.metric, metricAdd); ok {
		err = r.tx.QueryRowContext(ctx, `SELECT SUM(value) FROM daily_adds WHERE indicator = ? AND country = ? AND day >= ? AND day < ?`,
			ind, k.country, day[:7]+"-01", day).Scan(&v)
	} else if ind, ok := strings.CutPrefix(k.metric, metricAddDen); ok {
		err = r.tx.QueryRowContext(ctx, `SELECT SUM(denom) FROM daily_adds WHERE indicator = ? AND country = ? AND day >= ? AND day < ?`,
			ind, k.country, day[:7]+"-01", day).Scan(&v)
	} else {
		col := dailyColumns[dailyColumnOf(k.metric)].name
		err = r.tx.QueryRowContext(ctx, `SELECT SUM(`+col+`) FROM daily WHERE country = ? AND day >= ? AND day < ?`,
			k.country, day[:7]+"-01", day).Scan(&v)
	}
	return sum + v.Int64, err
}

// sumsUpTo returns the running sums (all of them, or those of keys, which
// must be of one country) as of the end of entry `through` on day `day`
// (through = 0: as of r.at): the daily sums of the days before, plus that
// day's own entries.
func (r *snapshotReader) sumsUpTo(ctx context.Context, day string, through int64, keys []rollupKey) (sums, error) {
	out := sums{}
	if keys == nil {
		for k, l := range r.ledgers {
			out[k] = l.upTo(day)
		}
	} else {
		for _, k := range keys {
			v, err := r.before(ctx, k, day)
			if err != nil {
				return nil, err
			}
			out[k] = v
		}
	}
	// That day's own entries, up to the instant (or the entry): all of
	// them, or for given keys only those of the keys' country.
	q := `SELECT kind, country, indicator, op, value, denom, trained, women, new_count, online, d_held, d_participants, d_women
		FROM entries WHERE kind IN ('training', 'workshop', 'indicator') AND created_at >= ? AND created_at <= ? AND retracted = 0`
	args := []any{day + "T00:00:00.000000Z", r.at}
	if keys != nil {
		q = strings.Replace(q, "WHERE", "INDEXED BY entries_country_time WHERE country = ? AND", 1)
		args = append([]any{keys[0].country}, args...)
	}
	if through > 0 {
		q += ` AND id <= ?`
		args = append(args, through)
	}
	rows, err := r.tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	day0 := sums{}
	for rows.Next() {
		var e ctbot.Entry
		var d workshopDelta
		if err := rows.Scan(&e.Kind, &e.Country, &e.Indicator, &e.Op, &e.Value, &e.Denom, &e.Trained, &e.Women, &e.New, &e.Online,
			&d.held, &d.participants, &d.women); err != nil {
			return nil, err
		}
		day0.contribute(&e, d)
	}
	for k, v := range day0 {
		if keys == nil || containsKey(keys, k) {
			out[k] += v
		}
	}
	return out, rows.Err()
}

func containsKey(keys []rollupKey, k rollupKey) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

// totals fills the training and workshop sums.
func (r *snapshotReader) totals(ctx context.Context, s *ctbot.Snapshot) error {
	if err := r.loadLedgers(ctx); err != nil {
		return err
	}
	var err error
	if r.sums, err = r.sumsUpTo(ctx, dayOf(r.asOf), 0, nil); err != nil {
		return err
	}
	for _, c := range r.countries() {
		get := func(m string) int { return int(r.sums[rollupKey{m, c}]) }
		if t := (ctbot.TrainingTotals{Count: get(metricTrainingCount), Online: get(metricTrainingOnline), Trained: get(metricTrainingTrained),
			Women: get(metricTrainingWomen), New: get(metricTrainingNew)}); t.Count > 0 {
			s.Trainings[c] = t
		}
		if w := (ctbot.WorkshopTotals{Held: get(metricWorkshopHeld), Participants: get(metricWorkshopPart), Women: get(metricWorkshopWomen)}); w.Held > 0 {
			s.Workshops[c] = w
		}
	}
	return nil
}

// kickoffs finds each country's latest kick-off entry.
func (r *snapshotReader) kickoffs(ctx context.Context, s *ctbot.Snapshot) error {
	for _, c := range r.fw.Countries {
		e, err := scanEntry(r.tx.QueryRowContext(ctx, `SELECT `+entryColumns+` FROM entries
			WHERE kind = 'kickoff' AND country = ? AND retracted = 0 AND created_at <= ? ORDER BY created_at DESC, id DESC LIMIT 1`, c.Code, r.at))
		switch {
		case err == nil:
			s.Kickoffs[c.Code] = e
		case !errors.Is(err, ctbot.ErrNotFound):
			return err
		}
	}
	return nil
}

// open lists the events still expected: the kick-offs whose latest state
// is planned or postponed, and the workshops whose latest entry in their
// series is. The indexes are named, as the planner left alone can pick a
// scan here.
func (r *snapshotReader) open(ctx context.Context, s *ctbot.Snapshot) error {
	for _, c := range r.fw.Countries {
		if k := s.Kickoffs[c.Code]; k != nil && k.Status.Open() {
			s.Open = append(s.Open, k)
		}
	}
	rows, err := r.tx.QueryContext(ctx, `SELECT `+entryColumns+` FROM entries e INDEXED BY entries_open
		WHERE kind = 'workshop' AND status IN ('planned', 'postponed') AND retracted = 0 AND created_at <= ?
		AND NOT EXISTS (SELECT 1 FROM entries n INDEXED BY entries_workshop_series WHERE n.kind = 'workshop' AND n.series = e.series
			AND n.id > e.id AND n.retracted = 0 AND n.created_at <= ?)`, r.at, r.at)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return err
		}
		s.Open = append(s.Open, e)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	sort.Slice(s.Open, func(i, j int) bool {
		a, b := s.Open[i], s.Open[j]
		if a.Date != b.Date {
			return a.Date.Before(b.Date)
		}
		return a.ID < b.ID
	})
	return nil
}

// lastEntries finds the newest entry of each country with one indexed
// lookup each.
func (r *snapshotReader) lastEntries(ctx context.Context, s *ctbot.Snapshot) error {
	for _, c := range r.countries() {
		var last sql.NullString
		if err := r.tx.QueryRowContext(ctx, `SELECT MAX(created_at) FROM entries WHERE country = ? AND retracted = 0 AND created_at <= ?`,
			c, r.at).Scan(&last); err != nil {
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
	return nil
}

// indicators replays each indicator's ledger per country: the latest set
// (or stage) entry, plus the "+N" updates after it, plus, for indicators
// fed by trainings, the new=N of the trainings after it.
func (r *snapshotReader) indicators(ctx context.Context, s *ctbot.Snapshot) error {
	for _, ind := range r.fw.Indicators {
		for _, c := range r.countries() {
			k := ctbot.IndicatorKey{Indicator: ind.Code, Country: c}
			var v ctbot.IndicatorValue
			var id int64
			var created string
			err := r.tx.QueryRowContext(ctx, `SELECT id, created_at, value, denom, stage FROM entries
				WHERE kind = 'indicator' AND op IN ('set', 'stage') AND indicator = ? AND country = ? AND retracted = 0 AND created_at <= ?
				ORDER BY created_at DESC, id DESC LIMIT 1`, ind.Code, c, r.at).Scan(&id, &created, &v.Value, &v.Denom, &v.Stage)
			found := err == nil
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			keys := []rollupKey{{metricAdd + ind.Code, c}, {metricAddDen + ind.Code, c}}
			if ind.Source == ctbot.SourceTrainings {
				keys = append(keys, rollupKey{metricTrainingNew, c})
			}
			after := sums{}
			for _, key := range keys {
				after[key] = r.sums[key]
			}
			if found {
				before, err := r.sumsUpTo(ctx, created[:10], id, keys)
				if err != nil {
					return err
				}
				for _, key := range keys {
					after[key] -= before[key]
				}
			}
			v.Value += after[keys[0]]
			v.Denom += after[keys[1]]
			if ind.Source == ctbot.SourceTrainings {
				v.Value += after[keys[2]]
			}
			if found || v.Value != 0 || v.Denom != 0 {
				s.Indicators[k] = v
			}
		}
	}
	return nil
}
