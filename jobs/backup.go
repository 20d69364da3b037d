package jobs

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/cttechplus/ctbot"
)

// backupLayout is the instant in a copy's name, ctbot-20261127-0230.db:
// the run's wall-clock time in the programme's zone, so names sort in time
// order and a run's retry finds the copy an earlier attempt wrote.
const (
	backupPrefix = "ctbot-"
	backupLayout = "20060102-1504"
	backupSuffix = ".db"
)

// BackupName is the file name of the copy of the run scheduled at at.
func BackupName(at time.Time, loc *time.Location) string {
	return backupPrefix + at.In(loc).Format(backupLayout) + backupSuffix
}

// backupCopy is a copy in the backup directory, by the time in its name.
type backupCopy struct {
	name string
	at   time.Time
}

// backup is the scheduled backup: a consistent copy of the database into
// [backup] dir, checked as a restore would check it, then the copies the
// keep rules no longer keep deleted.
// Its outcome is the job's: ctbot_job_runs_total{job="backup"} and
// ctbot_job_last_success_timestamp_seconds{job="backup"}.
func (r *Runner) backup(ctx context.Context, at time.Time, _ *ctbot.JobRun) (string, error) {
	b := r.cfg.Backup
	name := BackupName(at, r.fw.Location)
	path := filepath.Join(b.Dir, name)
	// A copy already there was written, checked and synced by an earlier
	// attempt of this run that stopped before recording it.
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		if err := r.store.Backup(ctx, path); err != nil {
			return "", fmt.Errorf("backup to %s: %w", path, err)
		}
	} else if err != nil {
		return "", fmt.Errorf("backup to %s: %w", path, err)
	}
	version, last, err := r.store.CheckCopy(ctx, path)
	if err != nil {
		bad := path + ".failed-check"
		if rerr := os.Rename(path, bad); rerr != nil {
			return "", fmt.Errorf("backup %s does not verify (%w), and could not be moved aside: %w", path, err, rerr)
		}
		return "", fmt.Errorf("backup %s does not verify, moved to %s: %w", path, bad, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("backup %s: %w", path, err)
	}
	deleted, err := pruneBackups(b.Dir, r.fw.Location, b.KeepDaily, b.KeepWeekly, name)
	if err != nil {
		return "", fmt.Errorf("backup %s is written and verified, but deleting old copies failed: %w", path, err)
	}
	return fmt.Sprintf("%s: %d bytes, schema version %d, entries up to #%d, integrity ok; %d old copies deleted",
		path, st.Size(), version, last, len(deleted)), nil
}

// listBackups returns the copies ctbot made in dir, newest first; other
// files are not copies.
func listBackups(dir string, loc *time.Location) ([]backupCopy, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []backupCopy
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || len(n) != len(backupPrefix)+len(backupLayout)+len(backupSuffix) ||
			n[:len(backupPrefix)] != backupPrefix || n[len(n)-len(backupSuffix):] != backupSuffix {
			continue
		}
		at, err := time.ParseInLocation(backupLayout, n[len(backupPrefix):len(n)-len(backupSuffix)], loc)
		if err != nil {
			continue
		}
		out = append(out, backupCopy{name: n, at: at})
	}
	slices.SortFunc(out, func(a, b backupCopy) int { return b.at.Compare(a.at) })
	return out, nil
}

// keptBackups applies the keep rules to copies, newest first: the newest
// copy of each of the latest daily days that have one, and the newest of
// each of the latest weekly ISO weeks (Monday to Sunday) that have one,
// days and weeks in the programme's zone.
func keptBackups(copies []backupCopy, daily, weekly int) map[string]bool {
	kept := map[string]bool{}
	days, weeks := map[string]bool{}, map[[2]int]bool{}
	for _, c := range copies {
		if day := c.at.Format(time.DateOnly); !days[day] && len(days) < daily {
			days[day], kept[c.name] = true, true
		}
		y, w := c.at.ISOWeek()
		if week := [2]int{y, w}; !weeks[week] && len(weeks) < weekly {
			weeks[week], kept[c.name] = true, true
		}
	}
	return kept
}

// pruneBackups deletes the copies in dir the keep rules do not keep, never
// the one just made, and returns their names.
func pruneBackups(dir string, loc *time.Location, daily, weekly int, made string) ([]string, error) {
	copies, err := listBackups(dir, loc)
	if err != nil {
		return nil, err
	}
	kept := keptBackups(copies, daily, weekly)
	kept[made] = true
	var deleted []string
	var errs []error
	for _, c := range copies {
		if kept[c.name] {
			continue
		}
		if err := os.Remove(filepath.Join(dir, c.name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		deleted = append(deleted, c.name)
	}
	return deleted, errors.Join(errs...)
}
