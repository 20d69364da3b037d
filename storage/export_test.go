package storage

import (
	"context"

	"errors"
	"fmt"
	"os"
	"strings"
)

// ExecForTest runs a statement on the write connection.
func (db *DB) ExecForTest(ctx context.Context, q string) error {
	_, err := db.write.ExecContext(ctx, q)
	return err
}

// DumpForTest returns every text value of entries, entry_versions and
// audit, and the bytes of the database and write-ahead log files.
func (db *DB) DumpForTest(ctx context.Context) (string, error) {
	var b strings.Builder
	for _, table := range []string{"entries", "entry_versions", "audit"} {
		rows, err := db.write.QueryContext(ctx, `SELECT * FROM `+table)
		if err != nil {
			return "", err
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return "", err
			}
			fmt.Fprintln(&b, table, vals)
		}
		rows.Close()
	}
	for _, f := range []string{db.path, db.path + "-wal"} {
		data, err := os.ReadFile(f)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		b.Write(data)
	}
	return b.String(), nil
}

// QueryRowForTest runs a query of one row into dest.
func (db *DB) QueryRowForTest(ctx context.Context, q string, dest ...any) error {
	return db.reads().QueryRowContext(ctx, q).Scan(dest...)
}
