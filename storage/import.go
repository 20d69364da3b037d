package storage

import (
	"cmp"
	"context"
	"fmt"

	"github.com/cttechplus/ctbot"
)

// Import stores entries as they are (IDs assigned here, CreatedAt and
// UserID kept), each with its audit row, in one transaction. It is for
// loading history from another system, and for building large databases
// in benchmarks; Record is the way in for anything a person types. Each
// entry is checked as Record checks one, on the day it was recorded (or
// today, without CreatedAt): one entry ctbot would not store and nothing
// is imported.
func (db *DB) Import(ctx context.Context, es []*ctbot.Entry) error {
	for i, e := range es {
		if err := db.check(e, "", cmp.Or(e.CreatedAt, db.now()), false); err != nil {
			return fmt.Errorf("storage: import entry %d of %d: %w", i+1, len(es), err)
		}
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		for _, e := range es {
			if err := insert(ctx, tx, e, ""); err != nil {
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
