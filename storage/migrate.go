package storage

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
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
	sum     string // SHA-256 of sql, hex: a released migration never changes
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
		sum := sha256.Sum256(b)
		ms = append(ms, migration{version: v, name: base, sql: string(b), sum: hex.EncodeToString(sum[:])})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := range ms {
		if ms[i].version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", ms[i].name, i+1)
		}
	}
	return ms, nil
}

// LatestSchema is the schema version this ctbot writes: its last migration.
func LatestSchema() int {
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		return 0
	}
	return len(ms)
}

// Migration is what Migrate did.
type Migration struct {
	From, To int      // schema versions before and after
	Applied  []string // the migrations applied, by file name
	// Reconciled names the migrations an early ctbot applied in a form
	// since changed, whose objects were brought to the form of today.
	Reconciled []string
	// Copy is the consistent copy of the database taken first, "" when
	// nothing changed or the database was new.
	Copy string
}

// Migrate applies the embedded migrations not yet recorded, all in one
// transaction: either all of them are applied or none. When the database
// already holds a schema, a consistent copy of it is written first, next
// to it (<db>.pre-<version>-<time>.bak, mode 0600). A database written by
// a newer ctbot, or one where a migration was applied in a form this
// ctbot does not know, is refused unchanged.
func (db *DB) Migrate(ctx context.Context) (Migration, error) {
	return db.migrate(ctx, migrationFiles)
}

func (db *DB) migrate(ctx context.Context, fsys fs.FS) (Migration, error) {
	ms, err := loadMigrations(fsys)
	if err != nil {
		return Migration{}, fmt.Errorf("storage: migrate: %w", err)
	}
	st, err := db.schemaState(ctx, ms)
	if err != nil {
		return Migration{}, err
	}
	res := Migration{From: st.version, To: st.version}
	pending := st.pending(ms)
	if len(pending) > 0 || len(st.unchecked) > 0 || !st.hasSums {
		if res, err = db.apply(ctx, ms, st, pending); err != nil {
			return res, err
		}
	}
	return res, nil
}

// apply takes the copy, then reconciles, records checksums and applies the
// pending migrations in one transaction.
func (db *DB) apply(ctx context.Context, ms []migration, st schemaState, pending []migration) (Migration, error) {
	res := Migration{From: st.version, To: st.version}
	tx, err := db.begin(ctx)
	if err != nil {
		return res, fmt.Errorf("storage: migrate: %w", err)
	}
	defer func() { _ = ignoreDone(tx.Rollback()) }()
	if st.version > 0 {
		// Taken under the write lock, so it is the database exactly as
		// the migrations find it.
		res.Copy = fmt.Sprintf("%s.pre-%d-%s.bak", db.path, st.version, tx.now.Format("20060102T150405Z"))
		if err := db.Backup(ctx, res.Copy); err != nil {
			return Migration{From: st.version, To: st.version}, fmt.Errorf("storage: migrate: the copy to take first failed, nothing was changed: %w", err)
		}
	}
	fail := func(what string, err error) (Migration, error) {
		msg := fmt.Sprintf("storage: migrate %s: %v; nothing was changed: %s is still at schema version %d", what, err, db.path, st.version)
		if res.Copy != "" {
			msg += "; the copy taken before is " + res.Copy
		}
		return Migration{From: st.version, To: st.version, Copy: res.Copy}, errors.New(msg)
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL, checksum TEXT NOT NULL DEFAULT '')`); err != nil {
		return fail("", err)
	}
	if !st.hasSums && st.exists {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE schema_migrations ADD COLUMN checksum TEXT NOT NULL DEFAULT ''`); err != nil {
			return fail("", err)
		}
	}
	for _, v := range st.unchecked {
		m := ms[v-1]
		fixed, err := reconcile(ctx, tx, m)
		if err != nil {
			return fail(m.name, fmt.Errorf("bringing it to the form of today: %w", err))
		}
		if fixed {
			res.Reconciled = append(res.Reconciled, m.name)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE schema_migrations SET checksum = ? WHERE version = ?`, m.sum, m.version); err != nil {
			return fail(m.name, err)
		}
	}
	for _, m := range pending {
		if err := applyOne(ctx, tx, m); err != nil {
			return fail(m.name, err)
		}
		res.Applied = append(res.Applied, m.name)
		res.To = max(res.To, m.version)
	}
	if err := tx.Commit(); err != nil {
		return fail("", err)
	}
	return res, nil
}

// applyOne runs one migration and records it with its checksum.
func applyOne(ctx context.Context, tx *Tx, m migration) error {
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if strings.Contains(m.sql, "writable_schema") {
		if err := bumpSchemaVersion(ctx, tx); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (?, ?, ?, ?)`,
		m.version, m.name, formatTime(tx.now), m.sum)
	return err
}

// bumpSchemaVersion makes every connection read the schema again after a
// migration edited its text in place (PRAGMA writable_schema).
func bumpSchemaVersion(ctx context.Context, tx *Tx) error {
	var v int64
	if err := tx.QueryRowContext(ctx, `PRAGMA schema_version`).Scan(&v); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA schema_version = %d`, v+1))
	return err
}

// schemaState is what schema_migrations records.
type schemaState struct {
	exists    bool         // schema_migrations exists
	hasSums   bool         // it has the checksum column
	version   int          // the highest version recorded
	applied   map[int]bool // every version recorded
	unchecked []int        // versions recorded without a checksum, in order
}

// pending are the migrations not recorded, in order (an early branch
// could leave a gap, applied when it arrives).
func (st schemaState) pending(ms []migration) []migration {
	var out []migration
	for _, m := range ms {
		if !st.applied[m.version] {
			out = append(out, m)
		}
	}
	return out
}

// schemaState reads schema_migrations and checks it against ms: a version
// this ctbot does not know, or a checksum that is not its migration's, is
// refused.
func (db *DB) schemaState(ctx context.Context, ms []migration) (schemaState, error) {
	st := schemaState{applied: map[int]bool{}}
	var n int
	if err := db.write.QueryRowContext(ctx, `SELECT COUNT(*) FROM pragma_table_info('schema_migrations')`).Scan(&n); err != nil {
		return st, fmt.Errorf("storage: schema version of %s: %w", db.path, err)
	}
	st.exists = n > 0
	if !st.exists {
		return st, nil
	}
	if err := db.write.QueryRowContext(ctx, `SELECT COUNT(*) FROM pragma_table_info('schema_migrations') WHERE name = 'checksum'`).Scan(&n); err != nil {
		return st, fmt.Errorf("storage: schema version of %s: %w", db.path, err)
	}
	st.hasSums = n > 0
	sumCol := "''"
	if st.hasSums {
		sumCol = "checksum"
	}
	rows, err := db.write.QueryContext(ctx, `SELECT version, name, `+sumCol+` FROM schema_migrations ORDER BY version`)
	if err != nil {
		return st, fmt.Errorf("storage: schema version of %s: %w", db.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		var name, sum string
		if err := rows.Scan(&v, &name, &sum); err != nil {
			return st, fmt.Errorf("storage: schema version of %s: %w", db.path, err)
		}
		st.applied[v], st.version = true, max(st.version, v)
		switch {
		case v > len(ms) || v < 1:
			return st, &SchemaError{Path: db.path, Version: v, Want: len(ms)}
		case sum == "":
			st.unchecked = append(st.unchecked, v)
		case sum != ms[v-1].sum:
			return st, fmt.Errorf("storage: %s: migration %s was applied in a form this ctbot does not know (checksum %.12s…, this ctbot's %.12s…): it was written by another build of ctbot; restore a backup or use that build", db.path, name, sum, ms[v-1].sum)
		}
	}
	return st, rows.Err()
}

// SchemaError is a database whose schema is not the one this ctbot reads:
// older (run `ctbot migrate`) or newer (written by a newer ctbot).
type SchemaError struct {
	Path    string
	Version int // the database's schema version
	Want    int // this ctbot's
}

func (e *SchemaError) Error() string {
	if e.Version > e.Want {
		return fmt.Sprintf("storage: database %s has schema version %d but this ctbot knows only up to %d: it was written by a newer ctbot; upgrade ctbot or restore a backup", e.Path, e.Version, e.Want)
	}
	return fmt.Sprintf("storage: database %s has schema version %d, older than this ctbot's %d", e.Path, e.Version, e.Want)
}

// Older reports whether the database's schema is older than this ctbot's.
func (e *SchemaError) Older() bool { return e.Version < e.Want }

// SchemaVersion is the highest migration version recorded in the
// database (0 for a new one).
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.write.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	if err != nil && strings.Contains(err.Error(), "no such table") {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("storage: schema version of %s: %w", db.path, err)
	}
	return v, nil
}
