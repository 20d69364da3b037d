package storage

import (
	"context"
	"fmt"

	"github.com/cttechplus/ctbot"
)

// Snooze records that actor asked to be reminded of event series again on
// day on. A write whose action key was seen returns ErrDuplicateAction.
func (db *DB) Snooze(ctx context.Context, series int64, on ctbot.Date, actor string, o ctbot.WriteOptions) error {
	err := db.oncePerAction(ctx, o, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO event_snoozes (series, remind_on, actor, at) VALUES (?, ?, ?, ?)`,
			series, on.String(), actor, formatTime(tx.now))
		return err
	})
	if err != nil {
		return fmt.Errorf("storage: remind again of #%d: %w", series, err)
	}
	return nil
}

// Snoozes returns, for each event someone asked to be reminded of again,
// the latest day asked for.
func (db *DB) Snoozes(ctx context.Context) (map[int64]ctbot.Date, error) {
	rows, err := db.reads().QueryContext(ctx, `SELECT series, MAX(remind_on) FROM event_snoozes GROUP BY series`)
	if err != nil {
		return nil, fmt.Errorf("storage: reminders asked again: %w", err)
	}
	defer rows.Close()
	out := map[int64]ctbot.Date{}
	for rows.Next() {
		var series int64
		var on string
		if err := rows.Scan(&series, &on); err != nil {
			return nil, fmt.Errorf("storage: reminders asked again: %w", err)
		}
		d, err := ctbot.ParseDate(on)
		if err != nil {
			return nil, fmt.Errorf("storage: reminder of #%d asked again for %q: %w", series, on, err)
		}
		out[series] = d
	}
	return out, rows.Err()
}
