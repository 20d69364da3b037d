package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/internal/fault"
	"github.com/cttechplus/ctbot/metrics"
)

// Options configure a Runner.
type Options struct {
	Core  *commands.Core
	Store Store
	// Figures are the figures reminders and charts are made of.
	Figures Figures
	Poster  Poster
	Config  *config.Config
	// Clock tells the time and wakes the runner at each schedule; default
	// the real clock.
	Clock clock.Clock
	Log   *slog.Logger
	// Owner names this process in run leases; default host-pid-random.
	Owner string
	// Lease is how long a claimed run is reserved (default 10 min); a run
	// whose process died is taken over after it.
	Lease time.Duration
	// Metrics counts runs by outcome; nil for none.
	Metrics *metrics.Metrics
}

// Runner decides which runs are due and carries them out exactly once.
type Runner struct {
	core   *commands.Core
	store  Store
	figs   Figures
	poster Poster
	cfg    *config.Config
	fw     *ctbot.Framework
	clock  clock.Clock
	now    func() time.Time // clock.Now
	log    *slog.Logger
	owner  string
	lease  time.Duration
	jobs   []schedule
	m      *metrics.Metrics

	mu sync.Mutex // one tick at a time in this process
}

// schedule is a recurring job: a cron spec read in a time zone, and for a
// state's daily run, on its working days only.
type schedule struct {
	name    string
	cron    cron.Schedule
	loc     *time.Location
	country *ctbot.Country // nil for programme-wide jobs
	run     func(r *Runner, ctx context.Context, at time.Time, run *ctbot.JobRun) (string, error)
}

// Next is the schedule's first instant after t.
func (s schedule) Next(t time.Time) time.Time {
	next := t.In(s.loc)
	for range 2 * maxDaysOffInARow {
		next = s.cron.Next(next)
		if next.IsZero() || s.country == nil || s.country.WorkingDay(ctbot.DateOf(next)) {
			return next
		}
	}
	return time.Time{}
}

// maxDaysOffInARow bounds how many scheduled instants Next skips.
const maxDaysOffInARow = 366

// period is the key of a scheduled instant: its wall-clock time in the
// schedule's zone, so the hour a clock change repeats is one period.
func (s schedule) period(t time.Time) string { return periodAt(t, s.loc) }

// periodAt is instant t as wall-clock time in loc, the key of a run.
func periodAt(t time.Time, loc *time.Location) string { return t.In(loc).Format("2006-01-02T15:04") }

// New returns a Runner for the digest and daily schedules of cfg.
func New(o Options) (*Runner, error) {
	c := clock.Or(o.Clock)
	r := &Runner{core: o.Core, store: o.Store, figs: o.Figures, poster: o.Poster, cfg: o.Config, fw: o.Config.Framework,
		clock: c, now: c.Now, log: o.Log, owner: o.Owner, lease: o.Lease, m: o.Metrics}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	if r.owner == "" {
		r.owner = newOwner()
	}
	if r.lease <= 0 {
		r.lease = 10 * time.Minute
	}
	parse := func(job, spec string) (cron.Schedule, error) {
		s, err := config.CronParser.Parse(spec)
		if err != nil {
			return nil, fmt.Errorf("jobs: %s schedule %q: %w", job, spec, err)
		}
		return s, nil
	}
	digest, err := parse(JobDigest, o.Config.Digest.Schedule)
	if err != nil {
		return nil, err
	}
	daily, err := parse(JobDaily, o.Config.Reminders.Schedule)
	if err != nil {
		return nil, err
	}
	r.jobs = []schedule{
		{name: JobDigest, cron: digest, loc: r.fw.Location, run: (*Runner).digest},
		{name: JobDaily, cron: daily, loc: r.fw.Location, run: (*Runner).daily},
	}
	if o.Config.Backup.Dir != "" {
		backup, err := parse(JobBackup, o.Config.Backup.Schedule)
		if err != nil {
			return nil, err
		}
		r.jobs = append(r.jobs, schedule{name: JobBackup, cron: backup, loc: r.fw.Location, run: (*Runner).backup})
	}
	for _, c := range r.fw.Countries {
		r.jobs = append(r.jobs, schedule{name: StateJob(c.Code), cron: daily,
			loc: c.Zone(r.fw.Location), country: c,
			run: func(r *Runner, ctx context.Context, at time.Time, _ *ctbot.JobRun) (string, error) {
				return r.stateDaily(ctx, at, c)
			}})
	}
	return r, nil
}

// StateJob names a state's daily run of reminders, questions and nudges,
// e.g. "daily:KE".
func StateJob(code string) string { return JobDaily + ":" + code }

func (r *Runner) catchUp() time.Duration { return time.Duration(r.cfg.Digest.CatchUpHours) * time.Hour }

// lookBack bounds how far back Tick looks for runs that never happened.
const lookBack = 8 * 24 * time.Hour

// Next returns the next n run times of each schedule after t, each in its
// schedule's zone (a state's daily runs on its working days only).
func (r *Runner) Next(t time.Time, n int) map[string][]time.Time {
	out := map[string][]time.Time{}
	for _, j := range r.jobs {
		next := t
		for range n {
			if next = j.Next(next); next.IsZero() {
				break
			}
			out[j.name] = append(out[j.name], next)
		}
	}
	return out
}

// Tick carries out the latest run of each schedule that is due at the
// clock's now and not done, if it is within the catch-up window (a failed
// one again). Earlier runs in the window are recorded as superseded, and
// runs missed for longer while ctbot was down (after the last run
// recorded, or for a new database the last one before the window) as
// skipped. Tick is safe to call at any time and as often as wanted.
func (r *Runner) Tick(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	windowStart := now.Add(-r.catchUp())
	var errs []error
	var skipped skips
	for _, j := range r.jobs {
		last, err := r.store.LastScheduled(ctx, j.name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		var missed, inWindow []time.Time
		for at := j.Next(now.Add(-lookBack)); !at.IsZero() && !at.After(now); at = j.Next(at) {
			switch {
			case at.After(windowStart):
				inWindow = append(inWindow, at)
			case last.IsZero():
				missed = append(missed[:0], at) // a new database: only the latest one counts
			case at.After(last):
				missed = append(missed, at)
			}
		}
		// Within the window only the latest run is carried out: after a
		// long stop, one digest, not one per missed period.
		if n := len(inWindow); n > 0 {
			for _, at := range inWindow[:n-1] {
				if err := r.supersede(ctx, j, at, inWindow[n-1]); err != nil {
					errs = append(errs, err)
				}
			}
			if err := r.due(ctx, j, inWindow[n-1]); err != nil {
				errs = append(errs, err)
			}
		}
		for _, at := range missed {
			if err := r.skipMissed(ctx, j, at, &skipped); err != nil {
				errs = append(errs, err)
			}
		}
	}
	skipped.log(r.log, r.cfg.Digest.CatchUpHours)
	return errors.Join(errs...)
}

// skips are the runs a tick recorded as missed, logged in one line.
type skips struct {
	jobs          map[string]int
	first, latest string
}

func (s *skips) add(job, period string) {
	if s.jobs == nil {
		s.jobs = map[string]int{}
	}
	s.jobs[job]++
	if s.first == "" || period < s.first {
		s.first = period
	}
	s.latest = max(s.latest, period)
}

// log writes one line for all the runs skipped (none when there were
// none): a first start, or one after a long stop, misses a run of every
// schedule.
func (s *skips) log(log *slog.Logger, catchUpHours int) {
	n := 0
	for _, c := range s.jobs {
		n += c
	}
	if n == 0 {
		return
	}
	log.Warn("scheduled runs skipped: ctbot was not running within the catch-up window of each (ctbot jobs lists them)",
		"runs", n, "jobs", s.jobs, "first", s.first, "latest", s.latest, "catch_up_hours", catchUpHours)
}

// supersede records that run (j, at), not done, gives way to the later
// run of the same schedule. A run that had failed is not retried: its
// failure stays on record and is logged, so nothing is dropped silently.
func (r *Runner) supersede(ctx context.Context, j schedule, at, latest time.Time) error {
	period, by := j.period(at), j.period(latest)
	inserted, err := r.store.SkipRun(ctx, j.name, period, at, "superseded by the run of "+by)
	if err != nil {
		return err
	}
	if inserted {
		r.m.Run(j.name, string(ctbot.RunSkipped))
		r.log.Info("scheduled run superseded by a later one", "job", j.name, "period", period, "by", by)
		return nil
	}
	run, err := r.store.Run(ctx, j.name, period)
	if err != nil {
		return err
	}
	if run.Status == ctbot.RunFailed {
		r.log.Warn("failed run not retried: a later run supersedes it", "job", j.name, "period", period, "by", by,
			"attempts", run.Attempts, "last_error", run.Detail)
	}
	return nil
}

// skipMissed records a run missed beyond the catch-up window, and adds it
// to the tick's skips.
func (r *Runner) skipMissed(ctx context.Context, j schedule, at time.Time, skipped *skips) error {
	period := j.period(at)
	detail := fmt.Sprintf("missed: ctbot was not running within %d h of %s", r.cfg.Digest.CatchUpHours, period)
	inserted, err := r.store.SkipRun(ctx, j.name, period, at, detail)
	if err != nil || !inserted {
		return err
	}
	r.m.Run(j.name, string(ctbot.RunSkipped))
	skipped.add(j.name, period)
	return nil
}

// due carries out run (job, at) unless it is done.
func (r *Runner) due(ctx context.Context, j schedule, at time.Time) error {
	period := j.period(at)
	run, err := r.store.Run(ctx, j.name, period)
	switch {
	case err == nil && (run.Status == ctbot.RunPosted || run.Status == ctbot.RunSkipped):
		return nil
	case err != nil && !errors.Is(err, ctbot.ErrNotFound):
		return err
	case run != nil && run.Status == ctbot.RunFailed:
		r.log.Info("retrying failed run", "job", j.name, "period", period, "attempts", run.Attempts, "last_error", run.Detail)
	}
	return r.once(ctx, j.name, period, at, func(ctx context.Context, run *ctbot.JobRun) (string, error) { return j.run(r, ctx, at, run) })
}

// once runs fn as run (job, period) if this process can claim it (a run
// whose owner died on this machine is taken over at once), and records
// the outcome. fn returns a detail for the record.
func (r *Runner) once(ctx context.Context, job, period string, at time.Time, fn func(ctx context.Context, run *ctbot.JobRun) (string, error)) error {
	run, err := r.store.ClaimRun(ctx, job, period, at, r.owner, r.lease, r.ownerDead)
	if err != nil || run == nil {
		return err
	}
	if run.Attempts > 1 {
		r.log.Info("taking up a run an earlier attempt left", "job", job, "period", period, "attempts", run.Attempts)
	}
	detail, runErr := fn(ctx, run)
	fault.Point(fault.BeforeFinish)
	status := ctbot.RunPosted
	switch {
	case runErr != nil:
		status, detail = ctbot.RunFailed, runErr.Error()
		r.log.Error("run failed; retrying at the next tick", "job", job, "period", period, "err", runErr)
	case detail == skippedNothing:
		status = ctbot.RunSkipped
	default:
		r.log.Info("run done", "job", job, "period", period, "detail", detail)
	}
	r.m.Run(job, string(status))
	if status != ctbot.RunFailed {
		r.m.RunSucceeded(job, r.now())
	}
	// The outcome is recorded even if ctx was cancelled meanwhile.
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if runErr != nil {
		runErr = loggedError{runErr}
	}
	if err := r.store.FinishRun(fctx, job, period, r.owner, status, detail); err != nil {
		return errors.Join(runErr, err)
	}
	return runErr
}

// loggedError is a run's failure, logged already where it happened.
type loggedError struct{ error }

func (e loggedError) Unwrap() error { return e.error }

// unlogged is err without the failures logged already: each failure is
// logged at ERROR once.
func unlogged(err error) error {
	switch e := err.(type) {
	case loggedError:
		return nil
	case interface{ Unwrap() []error }:
		var rest []error
		for _, x := range e.Unwrap() {
			rest = append(rest, unlogged(x))
		}
		return errors.Join(rest...)
	}
	return err
}

// skippedNothing is the detail of a run that had nothing to send.
const skippedNothing = "nothing to send"

// RecentRuns returns the latest runs, for `ctbot jobs`.
func (r *Runner) RecentRuns(ctx context.Context, n int) ([]*ctbot.JobRun, error) {
	return r.store.RecentRuns(ctx, n)
}

// retryEvery is the longest the runner waits between ticks, to retry
// failed runs.
const retryEvery = 5 * time.Minute

// Run calls Tick at start (to catch up) and then at every scheduled
// instant and at least every five minutes (to retry failures), on the
// runner's clock, until ctx is cancelled.
func (r *Runner) Run(ctx context.Context) {
	r.noteSuccesses(ctx)
	for {
		now := r.now()
		if err := unlogged(r.Tick(ctx)); err != nil && ctx.Err() == nil {
			r.log.Error("scheduled work failed", "err", err)
		}
		timer, due := r.clock.NewTimer(r.nextTick(now).Sub(r.now()))
		select {
		case <-due:
		case <-ctx.Done():
			timer.Stop()
			return
		}
	}
}

// recentRunsRead is how many of the latest runs noteSuccesses reads.
const recentRunsRead = 500

// noteSuccesses sets the metrics of the latest successful run of each job
// from the record, so that they survive a restart.
func (r *Runner) noteSuccesses(ctx context.Context) {
	if r.m == nil {
		return
	}
	runs, err := r.store.RecentRuns(ctx, recentRunsRead)
	if err != nil {
		r.log.Warn("reading the latest runs for the metrics", "err", err)
		return
	}
	latest := map[string]time.Time{}
	for _, run := range runs {
		if finishedWell(run) && run.FinishedAt.After(latest[run.Job]) {
			latest[run.Job] = run.FinishedAt
		}
	}
	for job, at := range latest {
		r.m.RunSucceeded(job, at)
	}
}

// finishedWell says whether run was carried out: posted, or nothing to
// send (not a run skipped because ctbot was down, nor one superseded).
func finishedWell(run *ctbot.JobRun) bool {
	return run.Status == ctbot.RunPosted || run.Status == ctbot.RunSkipped && run.Detail == skippedNothing
}

// nextTick is when the runner ticks after the tick at now: the first
// scheduled instant after now, or now plus retryEvery if that is sooner.
func (r *Runner) nextTick(now time.Time) time.Time {
	next := now.Add(retryEvery)
	for _, j := range r.jobs {
		if at := j.Next(now); !at.IsZero() && at.Before(next) {
			next = at
		}
	}
	return next
}
