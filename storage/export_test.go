package storage

import (
	"context"
	"testing/fstest"
)

// ExecForTest runs a statement on the write connection.
func (db *DB) ExecForTest(ctx context.Context, q string) error {
	_, err := db.write.ExecContext(ctx, q)
	return err
}

// migrationsUpTo returns the embedded migrations up to version n.
func migrationsUpTo(n int) (fstest.MapFS, error) {
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		return nil, err
	}
	fsys := fstest.MapFS{}
	for _, m := range ms[:n] {
		fsys["migrations/"+m.name] = &fstest.MapFile{Data: []byte(m.sql)}
	}
	return fsys, nil
}
