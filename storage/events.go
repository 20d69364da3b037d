package storage

import (
	"context"
	"fmt"
	"time"
)

// EventMemory is how long Slack event IDs are remembered; Slack retries
// within minutes, so a day is ample.
const EventMemory = 24 * time.Hour

// FirstDelivery records a Slack event ID and reports whether this is its
// first delivery. IDs older than EventMemory are forgotten on the way.
func (db *DB) FirstDelivery(ctx context.Context, eventID string) (bool, error) {
	var first bool
	err := db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM slack_events WHERE received_at < ?`, formatTime(tx.now.Add(-EventMemory))); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO slack_events (event_id, received_at) VALUES (?, ?)`, eventID, formatTime(tx.now))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		first = n == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("storage: record event %s: %w", eventID, err)
	}
	return first, nil
}
