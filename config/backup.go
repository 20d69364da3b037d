package config

import (
	"errors"
	"io/fs"
	"os"
)

// Backup is the [backup] table: the copies of the database `ctbot serve`
// makes on a schedule.
type Backup struct {
	// Dir is where the copies go; empty, there are none.
	Dir string `toml:"dir"`
	// Schedule is a cron spec in the programme's time zone.
	Schedule string `toml:"schedule"`
	// KeepDaily is how many days, newest first, keep their newest copy;
	// KeepWeekly how many weeks (Monday to Sunday) do.
	KeepDaily  int `toml:"keep_daily"`
	KeepWeekly int `toml:"keep_weekly"`
}

// maxKeep bounds keep_daily and keep_weekly.
const maxKeep = 10000

// backup checks [backup]: a cron schedule, counts in range, and a dir
// that is a directory ctbot may write.
func (v *validator) backup(b Backup) {
	if _, err := CronParser.Parse(b.Schedule); err != nil {
		v.add("backup", "schedule", "%q is not a cron schedule (%v); e.g. \"30 2 * * *\" for every day at 02:30", b.Schedule, err)
	}
	for key, n := range map[string]int{"keep_daily": b.KeepDaily, "keep_weekly": b.KeepWeekly} {
		if n < 0 || n > maxKeep {
			v.add("backup", key, "%d is out of range (0 to %d)", n, maxKeep)
		}
	}
	if b.KeepDaily == 0 && b.KeepWeekly == 0 {
		v.add("backup", "keep_daily", "keep_daily and keep_weekly are both 0: keep at least one copy, e.g. keep_daily = 7")
	}
	if b.Dir == "" {
		return
	}
	st, err := os.Stat(b.Dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		v.add("backup", "dir", "%q does not exist; create it (mkdir -m 700 %s) or leave dir empty for no scheduled backups", b.Dir, b.Dir)
	case err != nil:
		v.add("backup", "dir", "%q cannot be read: %v", b.Dir, err)
	case !st.IsDir():
		v.add("backup", "dir", "%q is not a directory", b.Dir)
	default:
		if err := writable(b.Dir); err != nil {
			v.add("backup", "dir", "%q is not writable by ctbot (%v): give its user write permission, or choose another directory", b.Dir, err)
		}
	}
}
