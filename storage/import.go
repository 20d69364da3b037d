package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/cttechplus/ctbot"
)

// Import stores entries as they are (IDs assigned here, CreatedAt and
// UserID kept), each with its audit row, in one transaction. It is for
// loading history from another system, and for building large databases
// in benchmarks; Record is the way in for anything a person types.
func (db *DB) Import(ctx context.Context, es []*ctbot.Entry) error {
	err := db.inTx(ctx, func(tx *Tx) error {
		ins, err := tx.PrepareContext(ctx, `INSERT INTO entries (kind, country, date, status, title, note, series,
			indicator, op, value, denom, stage, participants, women, trained, new_count, online, user_id, source, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		aud, err := tx.PrepareContext(ctx, `INSERT INTO audit (entry_id, action, actor, at, new, reason) VALUES (?, 'insert', ?, ?, ?, 'import')`)
		if err != nil {
			return err
		}
		defer aud.Close()
		for _, e := range es {
			res, err := ins.ExecContext(ctx, e.Kind, e.Country, e.Date.String(), e.Status, e.Title, e.Note, e.Series,
				e.Indicator, e.Op, e.Value, e.Denom, e.Stage, e.Participants, e.Women, e.Trained, e.New, e.Online,
				e.UserID, e.Source, formatTime(e.CreatedAt))
			if err != nil {
				return err
			}
			if e.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			if err := setSeries(ctx, tx, e); err != nil {
				return err
			}
			if err := rollupInsert(ctx, tx, e); err != nil {
				return err
			}
			b, err := json.Marshal(e)
			if err != nil {
				return err
			}
			if _, err := aud.ExecContext(ctx, e.ID, e.UserID, formatTime(e.CreatedAt), string(b)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: import %d entries: %w", len(es), err)
	}
	return nil
}
