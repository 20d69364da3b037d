package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
)

// variant is a form in which an early ctbot applied a migration that was
// edited after its release (before migrations carried checksums): how to
// recognise a database it built, and what brings that database to the
// form today's migration text gives.
type variant struct {
	version int
	release string   // the commit that released it
	marker  string   // an index or table only that form made
	undo    []string // removes what only that form made
	// redo runs today's text of the migration after undo; without it,
	// today's indexes of the migration that are missing are created.
	redo bool
}

// variants are the released forms of migrations that differ from today's.
// 0004 as released in de2326a has today's schema (its sums lack monthly
// rows, but migration 0007 drops them and rebuilds the sums), so it needs
// nothing.
var variants = []variant{
	{version: 1, release: "b1d57dc", marker: "entries_kind_country", undo: []string{
		`DROP INDEX entries_kind_country`,
		`DROP INDEX entries_country_created`,
		`DROP INDEX entries_series`,
	}},
	{version: 4, release: "5e3a85d", marker: "rollups", redo: true, undo: []string{
		`DROP TABLE rollups`,
		`DROP TABLE rollup_totals`,
		`DROP INDEX entries_kind_date`,
		`DROP INDEX entries_kind_created`,
		`DROP INDEX entries_indicator_abs`,
		`DROP INDEX entries_open`,
		`ALTER TABLE entries DROP COLUMN d_women`,
		`ALTER TABLE entries DROP COLUMN d_participants`,
		`ALTER TABLE entries DROP COLUMN d_held`,
	}},
}

// reconcile brings what migration m made, recorded without a checksum, to
// the form of m's text today, when the database shows it was applied in an
// earlier form. It reports whether it changed anything.
func reconcile(ctx context.Context, tx *Tx, m migration) (bool, error) {
	for _, v := range variants {
		if v.version != m.version {
			continue
		}
		found, err := schemaHas(ctx, tx, v.marker)
		if err != nil || !found {
			return false, err
		}
		for _, q := range v.undo {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return false, fmt.Errorf("undoing the form of %s: %s: %w", v.release, q, err)
			}
		}
		if v.redo {
			_, err = tx.ExecContext(ctx, m.sql)
		} else {
			err = createMissingIndexes(ctx, tx, m)
		}
		if err != nil {
			return false, fmt.Errorf("after the form of %s: %w", v.release, err)
		}
		return true, nil
	}
	return false, nil
}

// createIndex matches a CREATE INDEX statement of a migration and its name.
var createIndex = regexp.MustCompile(`(?ms)^CREATE INDEX (\w+) ON [^;]*;`)

// createMissingIndexes creates the indexes m's text creates that the
// database lacks, with m's very statements.
func createMissingIndexes(ctx context.Context, tx *Tx, m migration) error {
	for _, s := range createIndex.FindAllStringSubmatch(m.sql, -1) {
		found, err := schemaHas(ctx, tx, s[1])
		if err != nil {
			return err
		}
		if found {
			continue
		}
		if _, err := tx.ExecContext(ctx, s[0]); err != nil {
			return fmt.Errorf("%s: %w", s[1], err)
		}
	}
	return nil
}

// schemaHas reports whether the schema has a table or index of that name.
func schemaHas(ctx context.Context, tx *Tx, name string) (bool, error) {
	var n string
	err := tx.QueryRowContext(ctx, `SELECT name FROM sqlite_master WHERE name = ?`, name).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
