package storage

import (
	"context"
	"fmt"

	"github.com/cttechplus/ctbot"
)

// Import stores entries as they are (IDs assigned here, CreatedAt and
// UserID kept), each with its audit row, in one transaction. It is for
// loading history from another system, and for building large databases
// in benchmarks; Record is the way in for anything a person types.
func (db *DB) Import(ctx context.Context, es []*ctbot.Entry) error {
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
