// Package jobs sends what ctbot sends on its own: the weekly digest, event
// reminders, questions about overdue events and nudges to quiet countries.
//
// Every run is keyed by (job, period) in SQLite and claimed under a lease,
// and every message it posts is recorded, so a restart, a second process
// on the same database or a clock change never posts anything twice, and a
// run that fails is retried where it stopped. Runs missed while ctbot was
// down are caught up within digest.catch_up_hours, otherwise recorded as
// skipped.
package jobs

import (
	"context"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// Poster sends documents to Slack; bot.SlackPoster implements it and tests
// use a fake. Jobs never see how a document is rendered.
type Poster interface {
	// Split divides d into parts that are each posted as one message.
	Split(d reply.Doc) []reply.Doc
	// Post posts d as one message to channel (into the thread threadTS,
	// if set), tagged with key, and returns the message's ts.
	Post(ctx context.Context, channel, threadTS string, d reply.Doc, key string) (ts string, err error)
	// OpenDM returns the direct-message channel with user.
	OpenDM(ctx context.Context, user string) (channel string, err error)
	// Upload uploads an image into channel (and thread).
	Upload(ctx context.Context, channel, threadTS string, img reply.Image) error
	// Find returns the messages of channel (or of thread threadTS in it)
	// since the given instant that Post tagged, by key, and the images
	// uploaded there, as "file:" + filename: what an attempt that died
	// before recording it may have posted.
	Find(ctx context.Context, channel, threadTS string, since time.Time) (map[string]string, error)
}

// Figures are the programme's figures as known at an instant.
type Figures interface {
	Snapshot(ctx context.Context, asOf time.Time) (*ctbot.Snapshot, error)
}

// Store is what jobs need from storage: runs, retention, what reminders
// read and backups.
type Store interface {
	Runs
	Retention
	Reminders
	Backups
}

// Backups write consistent copies of the database and check them.
type Backups interface {
	// Backup writes a checked copy to path, which must not exist.
	Backup(ctx context.Context, path string) error
	// CheckCopy checks the copy at path as a restore would.
	CheckCopy(ctx context.Context, path string) (version int, last int64, err error)
}

// Runs are the jobs' runs, claimed and finished exactly once, and the
// messages each delivered.
type Runs interface {
	ClaimRun(ctx context.Context, job, period string, scheduled time.Time, owner string, lease time.Duration, dead func(owner string) bool) (*ctbot.JobRun, error)
	FinishRun(ctx context.Context, job, period, owner string, status ctbot.RunStatus, detail string) error
	SkipRun(ctx context.Context, job, period string, scheduled time.Time, detail string) (bool, error)
	RecordDelivery(ctx context.Context, job, period string, d ctbot.Delivery) error
	Deliveries(ctx context.Context, job, period string) (map[string]ctbot.Delivery, error)
	Run(ctx context.Context, job, period string) (*ctbot.JobRun, error)
	LastScheduled(ctx context.Context, job string) (time.Time, error)
	RecentRuns(ctx context.Context, limit int) ([]*ctbot.JobRun, error)
}

// Retention finds entries recorded before an instant that still hold free
// text, and removes it.
type Retention interface {
	WithFreeText(ctx context.Context, before time.Time, limit int) ([]int64, error)
	Redact(ctx context.Context, id int64, actor, reason string, hash bool, o ctbot.WriteOptions) (*ctbot.Entry, error)
}

// Reminders are what reminders read beside the figures.
type Reminders interface {
	// Snoozes returns the day each event was asked to be reminded of
	// again ("Remind me next week"), by series.
	Snoozes(ctx context.Context) (map[int64]ctbot.Date, error)
	// Grants are the roles given in Slack, which add to the configuration's:
	// focal points and coordinators granted there are reminded too.
	Grants(ctx context.Context) ([]ctbot.Grant, error)
}

// Job names, as recorded in job_runs.
const (
	JobDigest   = "digest"   // the weekly digest
	JobDaily    = "daily"    // the daily sweep that sends the three below
	JobReminder = "reminder" // an event reminder, days before
	JobOverdue  = "overdue"  // the day after a planned date passed without "held"
	JobNudge    = "nudge"    // a quiet country, at most once a week
	JobBackup   = "backup"   // a copy of the database into [backup] dir
)
