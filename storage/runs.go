package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/cttechplus/ctbot"
)

const runColumns = `job, period, status, scheduled_at, started_at, finished_at, attempts, owner, lease_until, message_ts, detail, first_started_at`

// ClaimRun takes run (job, period) for owner for the lease duration and
// returns it as claimed, or nil when the run is done (posted or skipped)
// or held under an unexpired lease by a process that is not known to be
// dead (dead may be nil). A failed run, an expired lease or a dead
// owner's run is taken over, and attempts counts the tries.
func (db *DB) ClaimRun(ctx context.Context, job, period string, scheduled time.Time, owner string, lease time.Duration, dead func(owner string) bool) (*ctbot.JobRun, error) {
	var claimed *ctbot.JobRun
	err := db.inTx(ctx, func(tx *Tx) error {
		r, err := scanRun(tx.QueryRowContext(ctx, `SELECT `+runColumns+` FROM job_runs WHERE job = ? AND period = ?`, job, period))
		switch {
		case errors.Is(err, ctbot.ErrNotFound):
			_, err = tx.ExecContext(ctx, `INSERT INTO job_runs (job, period, status, scheduled_at, started_at, first_started_at, attempts, owner, lease_until)
				VALUES (?, ?, 'running', ?, ?, ?, 1, ?, ?)`, job, period, formatTime(scheduled), formatTime(tx.now), formatTime(tx.now), owner, formatTime(tx.now.Add(lease)))
			claimed = &ctbot.JobRun{Job: job, Period: period, Status: ctbot.RunRunning, ScheduledAt: scheduled, StartedAt: tx.now,
				FirstStartedAt: tx.now, Attempts: 1, Owner: owner, LeaseUntil: tx.now.Add(lease)}
			return err
		case err != nil:
			return err
		case r.Status == ctbot.RunPosted || r.Status == ctbot.RunSkipped:
			return nil
		case r.Status == ctbot.RunRunning && r.LeaseUntil.After(tx.now) && (dead == nil || !dead(r.Owner)):
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE job_runs SET status = 'running', started_at = ?, attempts = attempts + 1, owner = ?, lease_until = ?
			WHERE job = ? AND period = ?`, formatTime(tx.now), owner, formatTime(tx.now.Add(lease)), job, period); err != nil {
			return err
		}
		r.Status, r.StartedAt, r.Attempts, r.Owner, r.LeaseUntil = ctbot.RunRunning, tx.now, r.Attempts+1, owner, tx.now.Add(lease)
		if r.FirstStartedAt.IsZero() {
			r.FirstStartedAt = r.StartedAt
		}
		claimed = r
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: claim run %s %s: %w", job, period, err)
	}
	return claimed, nil
}

// FinishRun records the outcome of a run owner holds.
func (db *DB) FinishRun(ctx context.Context, job, period, owner string, status ctbot.RunStatus, detail string) error {
	err := db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE job_runs SET status = ?, finished_at = ?, detail = ?, lease_until = '',
			message_ts = COALESCE((SELECT ts FROM job_deliveries d WHERE d.job = job_runs.job AND d.period = job_runs.period
				ORDER BY delivered_at, target LIMIT 1), '')
			WHERE job = ? AND period = ? AND owner = ? AND status = 'running'`, status, formatTime(tx.now), detail, job, period, owner)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errors.New("the run is not held by this owner (its lease expired and another process took it)")
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: finish run %s %s: %w", job, period, err)
	}
	return nil
}

// SkipRun records a run that will not happen (missed beyond the catch-up
// window, or nothing to send), unless the run is already recorded.
func (db *DB) SkipRun(ctx context.Context, job, period string, scheduled time.Time, detail string) (bool, error) {
	var inserted bool
	err := db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO job_runs (job, period, status, scheduled_at, finished_at, detail)
			VALUES (?, ?, 'skipped', ?, ?, ?)`, job, period, formatTime(scheduled), formatTime(tx.now), detail)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		inserted = n == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("storage: skip run %s %s: %w", job, period, err)
	}
	return inserted, nil
}

// RecordDelivery records one message a run posted.
func (db *DB) RecordDelivery(ctx context.Context, job, period string, d ctbot.Delivery) error {
	err := db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO job_deliveries (job, period, target, channel, ts, delivered_at) VALUES (?, ?, ?, ?, ?, ?)`,
			job, period, d.Target, d.Channel, d.TS, formatTime(tx.now))
		return err
	})
	if err != nil {
		return fmt.Errorf("storage: record delivery %s %s %s: %w", job, period, d.Target, err)
	}
	return nil
}

// Deliveries returns what a run has posted so far, by target.
func (db *DB) Deliveries(ctx context.Context, job, period string) (map[string]ctbot.Delivery, error) {
	rows, err := db.reads().QueryContext(ctx, `SELECT target, channel, ts FROM job_deliveries WHERE job = ? AND period = ?`, job, period)
	if err != nil {
		return nil, fmt.Errorf("storage: deliveries of %s %s: %w", job, period, err)
	}
	defer rows.Close()
	out := map[string]ctbot.Delivery{}
	for rows.Next() {
		var d ctbot.Delivery
		if err := rows.Scan(&d.Target, &d.Channel, &d.TS); err != nil {
			return nil, fmt.Errorf("storage: deliveries of %s %s: %w", job, period, err)
		}
		out[d.Target] = d
	}
	return out, rows.Err()
}

// Run returns run (job, period), or ErrNotFound.
func (db *DB) Run(ctx context.Context, job, period string) (*ctbot.JobRun, error) {
	r, err := scanRun(db.reads().QueryRowContext(ctx, `SELECT `+runColumns+` FROM job_runs WHERE job = ? AND period = ?`, job, period))
	if err != nil {
		return nil, fmt.Errorf("storage: run %s %s: %w", job, period, err)
	}
	return r, nil
}

// LastScheduled returns the scheduled time of the latest recorded run of
// job, or the zero time if there is none.
func (db *DB) LastScheduled(ctx context.Context, job string) (time.Time, error) {
	var last sql.NullString
	if err := db.reads().QueryRowContext(ctx, `SELECT MAX(scheduled_at) FROM job_runs WHERE job = ?`, job).Scan(&last); err != nil {
		return time.Time{}, fmt.Errorf("storage: last run of %s: %w", job, err)
	}
	return parseTime(last.String)
}

// RecentRuns returns the latest runs, most recently scheduled first.
func (db *DB) RecentRuns(ctx context.Context, limit int) ([]*ctbot.JobRun, error) {
	rows, err := db.reads().QueryContext(ctx, `SELECT `+runColumns+` FROM job_runs ORDER BY scheduled_at DESC, job LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("storage: recent runs: %w", err)
	}
	defer rows.Close()
	var out []*ctbot.JobRun
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: recent runs: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func scanRun(s scanner) (*ctbot.JobRun, error) {
	var r ctbot.JobRun
	var scheduled, started, finished, lease, first string
	err := s.Scan(&r.Job, &r.Period, &r.Status, &scheduled, &started, &finished, &r.Attempts, &r.Owner, &lease, &r.MessageTS, &r.Detail, &first)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ctbot.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	for _, f := range []struct {
		s string
		t *time.Time
	}{{scheduled, &r.ScheduledAt}, {started, &r.StartedAt}, {finished, &r.FinishedAt}, {lease, &r.LeaseUntil}, {first, &r.FirstStartedAt}} {
		if *f.t, err = parseTime(f.s); err != nil {
			return nil, err
		}
	}
	return &r, nil
}
