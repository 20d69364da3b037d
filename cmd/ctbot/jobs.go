package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/cttechplus/ctbot/bot"
	"github.com/cttechplus/ctbot/jobs"
	"github.com/cttechplus/ctbot/storage"
)

// parseAt reads -at: RFC 3339, or YYYY-MM-DDTHH:MM in the programme's zone.
func parseAt(s string, loc *time.Location, now time.Time) (time.Time, error) {
	if s == "" {
		return now, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04", s, loc); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("-at %q: use RFC 3339 (2026-03-02T08:00:00+01:00) or YYYY-MM-DDTHH:MM in %s", s, loc)
}

// runDigest prints the digest as known at an instant, or posts it (once).
func runDigest(ctx context.Context, a *App, e *env, _ *flag.FlagSet, _ []string) error {
	db := e.db
	at, err := parseAt(e.at, e.cfg.Location(), a.Clock.Now())
	if err != nil {
		return err
	}
	core := a.newCore(e, db)
	if !e.post {
		r, err := core.Digest(ctx, at)
		if err != nil {
			return err
		}
		fmt.Fprintln(a.Stdout, r.Text())
		return nil
	}
	runner, err := a.newRunner(ctx, e, db)
	if err != nil {
		return err
	}
	run, err := runner.PostDigest(ctx, at)
	if run != nil {
		fmt.Fprintf(a.Stdout, "digest %s: %s (%s)\n", run.Period, run.Status, run.Detail)
	}
	return err
}

// newRunner connects the scheduled jobs to Slack; posting needs only the bot token.
func (a *App) newRunner(ctx context.Context, e *env, db *storage.DB) (*jobs.Runner, error) {
	secrets, err := bot.LoadBotToken(a.Getenv, e.cfg.Slack)
	if err != nil {
		return nil, err
	}
	api := bot.NewClient(e.cfg.Slack.APIURL, secrets, a.Clock, nil, e.log)
	auth, err := api.AuthTestContext(ctx)
	if err != nil {
		return nil, authFailed(e.cfg.Slack.APIURL, err)
	}
	gate := bot.NewGate(api, bot.NewIdentity(auth, e.cfg.Slack.AllowedTeams, e.cfg.Slack.ExternalUsers), auth.UserID, a.Clock.Now)
	core := a.gatedCore(e, db, gate)
	return jobs.New(jobs.Options{Core: core, Store: db, Figures: core.Figures(), Poster: bot.SlackPoster{API: api, Gate: gate}, Config: e.cfg, Clock: a.Clock, Log: e.log})
}

// runJobs lists each schedule's next three runs and the latest runs.
func runJobs(ctx context.Context, a *App, e *env, _ *flag.FlagSet, _ []string) error {
	db := e.db
	core := a.newCore(e, db)
	runner, err := jobs.New(jobs.Options{Core: core, Store: db, Figures: core.Figures(), Config: e.cfg, Clock: a.Clock, Log: e.log})
	if err != nil {
		return err
	}
	loc := e.cfg.Location()
	next := runner.Next(a.Clock.Now(), 3)
	fmt.Fprintf(a.Stdout, "Schedules (%s):\n", loc)
	schedules := []struct{ name, spec, what string }{
		{jobs.JobDigest, e.cfg.Digest.Schedule, "weekly digest"},
		{jobs.JobDaily, e.cfg.Reminders.Schedule, "retention of free text"},
	}
	if b := e.cfg.Backup; b.Dir != "" {
		schedules = append(schedules, struct{ name, spec, what string }{jobs.JobBackup, b.Schedule,
			fmt.Sprintf("backup to %s, keeping %d daily and %d weekly copies", b.Dir, b.KeepDaily, b.KeepWeekly)})
	}
	for _, j := range schedules {
		fmt.Fprintf(a.Stdout, "  %-7s %-14q %s\n          next: %s\n", j.name, j.spec, j.what, runTimes(next[j.name], loc))
	}
	fmt.Fprintf(a.Stdout, "\nReminders, overdue questions and nudges, per state (%q local time, working days):\n", e.cfg.Reminders.Schedule)
	for _, c := range e.cfg.Framework.Countries {
		zone := c.Zone(loc)
		var days []string
		for _, d := range c.Weekdays() {
			days = append(days, strings.ToUpper(d.String()[:3]))
		}
		fmt.Fprintf(a.Stdout, "  %s %-16s %-20s weekend %-8s holidays %d\n          next: %s\n", c.Code, c.Name, zone,
			strings.Join(days, " "), len(c.Holidays), runTimes(next[jobs.StateJob(c.Code)], zone))
	}
	runs, err := runner.RecentRuns(ctx, 15)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.Stdout, "\nLatest runs:")
	if len(runs) == 0 {
		fmt.Fprintln(a.Stdout, "  none yet")
	}
	for _, r := range runs {
		fmt.Fprintf(a.Stdout, "  %-8s %-32s %-8s attempts %d  %s\n", r.Job, r.Period, r.Status, r.Attempts, r.Detail)
	}
	return nil
}

// runTimes lists instants in loc, for `ctbot jobs`.
func runTimes(ts []time.Time, loc *time.Location) string {
	var out []string
	for _, t := range ts {
		out = append(out, t.In(loc).Format("Mon 2 Jan 2006 15:04 MST"))
	}
	return strings.Join(out, "; ")
}
