package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/cttechplus/ctbot"
)

// keepReport stores what close e keeps: what keep makes of the entries in
// force at it, read in the close's own transaction (so with the writes
// committed with it, before it), and the latest framework version.
func keepReport(ctx context.Context, tx *Tx, e ctbot.PeriodEvent, keep ctbot.KeepClose) error {
	report, err := keep(e, func(kinds []ctbot.Kind, through ctbot.Date, fn func(*ctbot.Entry) error) error {
		return eachAtSeq(ctx, tx, e.Seq, kinds, through, fn)
	})
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO kept_reports (close_id, framework_id, report)
		VALUES (?, (SELECT COALESCE(MAX(id), 0) FROM framework_log), ?)`, e.ID, string(report))
	return err
}

// KeptReport returns what close ev kept of its period's report; found is
// false for a close that kept none (logged before ctbot kept reports).
func (db *DB) KeptReport(ctx context.Context, ev ctbot.PeriodEvent) (k ctbot.KeptReport, found bool, err error) {
	var report string
	err = db.reads().QueryRowContext(ctx, `SELECT framework_id, report FROM kept_reports WHERE close_id = ?`, ev.ID).Scan(&k.FrameworkID, &report)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return k, false, nil
	case err != nil:
		return k, false, fmt.Errorf("storage: kept report of %s: %w", ev.Period, err)
	}
	k.Report = []byte(report)
	return k, true, nil
}

// EntryVersion returns version v of entry id, as it is now stored (its
// free text gone if it was redacted).
func (db *DB) EntryVersion(ctx context.Context, id int64, v int) (*ctbot.Entry, error) {
	e, err := entryByID(ctx, db.reads(), id)
	if err == nil && e.Version != v {
		e, err = earlierVersion(ctx, db.reads(), e, `version = ?`, v)
	}
	if errors.Is(err, sql.ErrNoRows) {
		err = &ctbot.Error{Code: ctbot.ENotFound, Message: "err.no_entry", Args: []any{"ID", ctbot.IDArg(id)}}
	}
	if err != nil {
		return nil, fmt.Errorf("storage: entry #%d version %d: %w", id, v, err)
	}
	return e, nil
}

// FrameworkLog returns every logged version of the results framework,
// oldest first.
func (db *DB) FrameworkLog(ctx context.Context) ([]ctbot.FrameworkVersion, error) {
	rows, err := db.reads().QueryContext(ctx, `SELECT id, at, actor, source, hash, framework, changes FROM framework_log ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("storage: framework log: %w", err)
	}
	defer rows.Close()
	var out []ctbot.FrameworkVersion
	for rows.Next() {
		v, err := scanFramework(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: framework log: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func scanFramework(s scanner) (ctbot.FrameworkVersion, error) {
	var v ctbot.FrameworkVersion
	var at, framework, changes string
	if err := s.Scan(&v.ID, &at, &v.Actor, &v.Source, &v.Hash, &framework, &changes); err != nil {
		return v, err
	}
	v.Framework = []byte(framework)
	var err error
	if v.At, err = parseTime(at); err != nil {
		return v, err
	}
	return v, json.Unmarshal([]byte(changes), &v.Changes)
}

// LogFramework logs a version of the results framework (canonical JSON,
// and its hash), as actor from source, unless the latest logged is the
// same: changes says what changed from the latest (nil for the first).
// It returns the version now latest and whether it logged it.
func (db *DB) LogFramework(ctx context.Context, framework []byte, hash, actor, source string,
	changes func(latest *ctbot.FrameworkVersion) ([]ctbot.FrameworkChange, error)) (v ctbot.FrameworkVersion, logged bool, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		latest, err := scanFramework(tx.QueryRowContext(ctx, `SELECT id, at, actor, source, hash, framework, changes FROM framework_log ORDER BY id DESC LIMIT 1`))
		var prev *ctbot.FrameworkVersion
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		case latest.Hash == hash:
			v = latest
			return nil
		default:
			prev = &latest
		}
		v = ctbot.FrameworkVersion{At: tx.now, Actor: actor, Source: source, Hash: hash, Framework: framework}
		if v.Changes, err = changes(prev); err != nil {
			return err
		}
		list, err := json.Marshal(v.Changes)
		if err != nil {
			return err
		}
		if v.Changes == nil {
			list = []byte("[]")
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO framework_log (at, actor, source, hash, framework, changes) VALUES (?, ?, ?, ?, ?, ?)`,
			formatTime(v.At), actor, source, hash, string(framework), string(list))
		if err == nil {
			v.ID, err = res.LastInsertId()
		}
		logged = err == nil
		return err
	})
	if err != nil {
		return v, false, fmt.Errorf("storage: log the results framework: %w", err)
	}
	return v, logged, nil
}
