package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/cttechplus/ctbot"
)

// WeekActivity sums what was recorded in (since, until] and the trainings
// and workshops held from day from to day to (inclusive), as known at until.
func (db *DB) WeekActivity(ctx context.Context, since, until time.Time, from, to ctbot.Date) (*ctbot.WeekActivity, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("storage: week activity: %w", err)
	}
	defer tx.Rollback()
	w := &ctbot.WeekActivity{Trainings: map[string]ctbot.TrainingTotals{}, Workshops: map[string]ctbot.WorkshopTotals{}}
	s, u := formatTime(since), formatTime(until)
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(DISTINCT user_id), COUNT(DISTINCT NULLIF(country, '')),
		COALESCE(SUM(kind = 'log'), 0) FROM entries WHERE created_at > ? AND created_at <= ? AND retracted = 0`, s, u).
		Scan(&w.Entries, &w.People, &w.Countries, &w.Logs); err != nil {
		return nil, fmt.Errorf("storage: week activity: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT country, COUNT(*), SUM(online), SUM(trained), SUM(women), SUM(new_count) FROM entries INDEXED BY entries_training_date
		WHERE kind = 'training' AND date BETWEEN ? AND ? AND retracted = 0 AND created_at <= ? GROUP BY country`, from.String(), to.String(), u)
	if err != nil {
		return nil, fmt.Errorf("storage: week activity: %w", err)
	}
	for rows.Next() {
		var c string
		var t ctbot.TrainingTotals
		if err := rows.Scan(&c, &t.Count, &t.Online, &t.Trained, &t.Women, &t.New); err != nil {
			rows.Close()
			return nil, fmt.Errorf("storage: week activity: %w", err)
		}
		w.Trainings[c] = t
	}
	rows.Close()
	// Workshops whose latest state (as of until) is held, on a day of the period.
	rows, err = tx.QueryContext(ctx, `SELECT country, COUNT(*), SUM(participants), SUM(women) FROM entries e INDEXED BY entries_workshop_date
		WHERE kind = 'workshop' AND date BETWEEN ? AND ? AND status = 'held' AND retracted = 0 AND created_at <= ?
		AND NOT EXISTS (SELECT 1 FROM entries n INDEXED BY entries_workshop_series WHERE n.kind = 'workshop' AND n.series = e.series
			AND n.id > e.id AND n.retracted = 0 AND n.created_at <= ?)
		GROUP BY country`, from.String(), to.String(), u, u)
	if err != nil {
		return nil, fmt.Errorf("storage: week activity: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		var ws ctbot.WorkshopTotals
		if err := rows.Scan(&c, &ws.Held, &ws.Participants, &ws.Women); err != nil {
			return nil, fmt.Errorf("storage: week activity: %w", err)
		}
		w.Workshops[c] = ws
	}
	return w, rows.Err()
}
