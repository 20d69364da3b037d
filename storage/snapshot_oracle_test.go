package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/cttechplus/ctbot"
)

// naiveSnapshot computes a snapshot by scanning entries: slow, but simple
// enough to trust. Tests compare Snapshot (rollups) against it.
func (db *DB) naiveSnapshot(ctx context.Context, fw *ctbot.Framework, asOf time.Time) (*ctbot.Snapshot, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("storage: snapshot: %w", err)
	}
	defer tx.Rollback()
	s := &ctbot.Snapshot{
		Kickoffs:   map[string]*ctbot.Entry{},
		Workshops:  map[string]ctbot.WorkshopTotals{},
		Trainings:  map[string]ctbot.TrainingTotals{},
		Indicators: map[ctbot.IndicatorKey]ctbot.IndicatorValue{},
		LastEntry:  map[string]time.Time{},
	}
	at := formatTime(asOf)
	for _, step := range []func(context.Context, *sql.Tx, string, *ctbot.Snapshot) error{
		naiveEvents, naiveWorkshopTotals, naiveTrainingTotals, naiveLastEntries,
	} {
		if err := step(ctx, tx, at, s); err != nil {
			return nil, fmt.Errorf("storage: snapshot: %w", err)
		}
	}
	if err := naiveIndicatorValues(ctx, tx, at, fw, s); err != nil {
		return nil, fmt.Errorf("storage: snapshot: %w", err)
	}
	return s, nil
}

// events loads the latest entry of every kick-off and workshop series: the
// kick-off state per country and the events still planned or postponed.
func naiveEvents(ctx context.Context, tx *sql.Tx, at string, s *ctbot.Snapshot) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+entryColumns+` FROM entries WHERE id IN (
			SELECT MAX(id) FROM entries WHERE kind = 'kickoff' AND retracted = 0 AND created_at <= ? GROUP BY country
			UNION ALL
			SELECT MAX(id) FROM entries WHERE kind = 'workshop' AND retracted = 0 AND created_at <= ? GROUP BY series)
		AND (kind = 'kickoff' OR status IN ('planned', 'postponed')) ORDER BY date, id`, at, at)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return err
		}
		if e.Kind == ctbot.KindKickoff {
			s.Kickoffs[e.Country] = e
		}
		if e.Status.Open() {
			s.Open = append(s.Open, e)
		}
	}
	return rows.Err()
}

// workshopTotals sums the workshops whose latest state is held.
func naiveWorkshopTotals(ctx context.Context, tx *sql.Tx, at string, s *ctbot.Snapshot) error {
	rows, err := tx.QueryContext(ctx, `SELECT country, COUNT(*), SUM(participants), SUM(women) FROM entries
		WHERE id IN (SELECT MAX(id) FROM entries WHERE kind = 'workshop' AND retracted = 0 AND created_at <= ? GROUP BY series)
		AND status = 'held' GROUP BY country`, at)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		var w ctbot.WorkshopTotals
		if err := rows.Scan(&c, &w.Held, &w.Participants, &w.Women); err != nil {
			return err
		}
		s.Workshops[c] = w
	}
	return rows.Err()
}

func naiveTrainingTotals(ctx context.Context, tx *sql.Tx, at string, s *ctbot.Snapshot) error {
	rows, err := tx.QueryContext(ctx, `SELECT country, COUNT(*), SUM(online), SUM(trained), SUM(women), SUM(new_count)
		FROM entries WHERE kind = 'training' AND retracted = 0 AND created_at <= ? GROUP BY country`, at)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		var t ctbot.TrainingTotals
		if err := rows.Scan(&c, &t.Count, &t.Online, &t.Trained, &t.Women, &t.New); err != nil {
			return err
		}
		s.Trainings[c] = t
	}
	return rows.Err()
}

// lastEntries finds the newest entry per country with one indexed lookup each.
func naiveLastEntries(ctx context.Context, tx *sql.Tx, at string, s *ctbot.Snapshot) error {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT country FROM entries`)
	if err != nil {
		return err
	}
	var countries []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return err
		}
		countries = append(countries, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range countries {
		var last sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT MAX(created_at) FROM entries
			WHERE country = ? AND retracted = 0 AND created_at <= ?`, c, at).Scan(&last); err != nil {
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

// indicatorValues replays each indicator's ledger per country: the latest
// set (or stage) entry, plus the adds after it, plus for indicators fed by
// trainings the new=N of trainings recorded after it.
func naiveIndicatorValues(ctx context.Context, tx *sql.Tx, at string, fw *ctbot.Framework, s *ctbot.Snapshot) error {
	lastSet := map[ctbot.IndicatorKey]int64{}
	rows, err := tx.QueryContext(ctx, `SELECT id, indicator, country, value, denom, stage FROM entries WHERE id IN (
		SELECT MAX(id) FROM entries WHERE kind = 'indicator' AND op IN ('set', 'stage') AND retracted = 0 AND created_at <= ?
		GROUP BY indicator, country)`, at)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var k ctbot.IndicatorKey
		var v ctbot.IndicatorValue
		if err := rows.Scan(&id, &k.Indicator, &k.Country, &v.Value, &v.Denom, &v.Stage); err != nil {
			rows.Close()
			return err
		}
		lastSet[k] = id
		s.Indicators[k] = v
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = tx.QueryContext(ctx, `SELECT id, indicator, country, value, denom FROM entries
		WHERE kind = 'indicator' AND op = 'add' AND retracted = 0 AND created_at <= ?`, at)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id, val, den int64
		var k ctbot.IndicatorKey
		if err := rows.Scan(&id, &k.Indicator, &k.Country, &val, &den); err != nil {
			rows.Close()
			return err
		}
		if id > lastSet[k] {
			v := s.Indicators[k]
			v.Value += val
			v.Denom += den
			s.Indicators[k] = v
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	for _, ind := range fw.Indicators {
		if ind.Source != ctbot.SourceTrainings {
			continue
		}
		for c, t := range s.Trainings {
			k := ctbot.IndicatorKey{Indicator: ind.Code, Country: c}
			n := int64(t.New)
			if sid, ok := lastSet[k]; ok {
				if err := tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(new_count), 0) FROM entries
					WHERE kind = 'training' AND country = ? AND id > ? AND retracted = 0 AND created_at <= ?`,
					c, sid, at).Scan(&n); err != nil {
					return err
				}
			}
			v := s.Indicators[k]
			v.Value += n
			s.Indicators[k] = v
		}
	}
	return nil
}
