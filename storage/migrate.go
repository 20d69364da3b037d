package storage

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered SQL file, e.g. migrations/0002_events.sql.
type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads NNNN_name.sql files from fsys, in version order.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, n := range names {
		base := path.Base(n)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive number and _", base)
		}
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	want := 1
	for _, m := range ms {
		for reservedVersions[want] && m.version != want {
			want++
		}
		if m.version != want {
			return nil, fmt.Errorf("migration %s: expected version %d", m.name, want)
		}
		want++
	}
	return ms, nil
}

// reservedVersions are migration numbers held for work on other branches:
// they may be missing, and are applied when they arrive, after higher
// ones. A number leaves this list when its migration lands.
var reservedVersions = map[int]bool{13: true, 14: true}

// Migrate applies the embedded migrations not yet recorded and returns the
// names of those it applied. A database written by a newer ctbot (with
// versions this binary does not know) is refused.
func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	return db.migrate(ctx, migrationFiles)
}

func (db *DB) migrate(ctx context.Context, fsys fs.FS) ([]string, error) {
	ms, err := loadMigrations(fsys)
	if err != nil {
		return nil, fmt.Errorf("storage: migrate: %w", err)
	}
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return nil, fmt.Errorf("storage: migrate: %w", err)
	}
	done, err := db.appliedVersions(ctx)
	if err != nil {
		return nil, err
	}
	known := map[int]bool{}
	for _, m := range ms {
		known[m.version] = true
	}
	for v := range done {
		if !known[v] {
			return nil, fmt.Errorf("storage: database %s has schema version %d but this ctbot does not know it: it was written by a newer ctbot; upgrade ctbot or restore a backup", db.path, v)
		}
	}
	var applied []string
	for _, m := range ms {
		if done[m.version] {
			continue
		}
		err := db.inTx(ctx, func(tx *Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, formatTime(tx.now))
			return err
		})
		if err != nil {
			return applied, fmt.Errorf("storage: migrate %s: %w", m.name, err)
		}
		applied = append(applied, m.name)
	}
	if err := db.rebuildPending(ctx); err != nil {
		return applied, err
	}
	return applied, nil
}

// appliedVersions are the migration versions recorded in the database.
func (db *DB) appliedVersions(ctx context.Context) (map[int]bool, error) {
	rows, err := db.write.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("storage: schema versions: %w", err)
	}
	defer rows.Close()
	out := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("storage: schema versions: %w", err)
		}
		out[v] = true
	}
	return out, rows.Err()
}

// SchemaVersion is the highest migration version recorded in the database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := db.write.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("storage: schema version: %w", err)
	}
	return v, nil
}
