package storage

import "context"

// ExecForTest runs a statement on the write connection.
func (db *DB) ExecForTest(ctx context.Context, q string) error {
	_, err := db.write.ExecContext(ctx, q)
	return err
}
