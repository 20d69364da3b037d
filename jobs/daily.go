package jobs

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
)

// daily sends the day's event reminders, overdue questions and nudges, each
// as a run of its own so that none is ever sent twice.
func (r *Runner) daily(ctx context.Context, at time.Time, _ string) (string, error) {
	snap, err := r.store.Snapshot(ctx, r.fw, at)
	if err != nil {
		return "", err
	}
	today := r.fw.Today(at)
	var errs []error
	sent := 0
	for _, e := range snap.Open {
		if e.Date.IsZero() {
			continue
		}
		for _, n := range r.cfg.Reminders.DaysBefore {
			if e.Date == today.AddDays(n) {
				period := fmt.Sprintf("%s#%d@%s-%dd", e.Kind, e.Series, e.Date, n)
				errs = append(errs, r.send(ctx, JobReminder, period, at, &sent, r.reminder(e, n)))
			}
		}
		if e.Date == today.AddDays(-1) {
			period := fmt.Sprintf("%s#%d@%s", e.Kind, e.Series, e.Date)
			errs = append(errs, r.send(ctx, JobOverdue, period, at, &sent, r.overdue(e)))
		}
	}
	view := r.core.NewView(snap, today)
	countries, days := view.Quiet()
	year, week := today.ISOWeek()
	for i, c := range countries {
		period := fmt.Sprintf("%s@%d-W%02d", c.Code, year, week)
		errs = append(errs, r.send(ctx, JobNudge, period, at, &sent, r.nudge(c, days[i])))
	}
	if err := errors.Join(errs...); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d messages sent", sent), nil
}

// message is one reminder or nudge: where it goes and what it says.
type message struct {
	channel string   // "" for none
	users   []string // direct messages
	text    string
}

// send delivers m once as run (job, period).
func (r *Runner) send(ctx context.Context, job, period string, at time.Time, sent *int, m message) error {
	return r.once(ctx, job, period, at, func(ctx context.Context) (string, error) {
		if m.channel == "" && len(m.users) == 0 {
			return skippedNothing, nil
		}
		s, err := r.sender(ctx, job, period)
		if err != nil {
			return "", err
		}
		msgs := commands.Reply{Sections: []commands.Section{{Text: m.text}}}.Messages()
		var errs []error
		if m.channel != "" {
			if _, err := s.thread(ctx, "channel", m.channel, msgs); err != nil {
				errs = append(errs, err)
			}
		}
		for _, u := range m.users {
			if err := s.dm(ctx, u, msgs); err != nil {
				errs = append(errs, err)
			}
		}
		*sent += s.posted
		return fmt.Sprintf("%d messages", s.posted), errors.Join(errs...)
	})
}

func (r *Runner) focalPoints(country string) []string {
	if c := r.fw.Country(country); c != nil {
		return c.FocalPoints
	}
	return nil
}

func eventName(e *ctbot.Entry) string {
	if e.Kind == ctbot.KindKickoff {
		return "project kick-off"
	}
	if e.Title != "" {
		return "workshop “" + commands.Esc(e.Title) + "”"
	}
	return "national workshop"
}

// reminder is sent n days before a planned event, to the digest channel
// and the country's focal points.
func (r *Runner) reminder(e *ctbot.Entry, n int) message {
	when := fmt.Sprintf("in %d days", n)
	if n == 1 {
		when = "tomorrow"
	}
	return message{channel: r.cfg.Digest.Channel, users: r.focalPoints(e.Country), text: fmt.Sprintf(
		":calendar: Reminder: %s's %s is planned for %s, %s. Afterwards, record what happened with `%s %s %s held %s …` (or postponed, cancelled).",
		commands.Esc(r.fw.CountryName(e.Country)), eventName(e), e.Date.Human(), when, r.cfg.Slack.Command, e.Kind, strings.ToLower(e.Country), e.Date)}
}

// overdue asks the country's focal points (or, if it has none, the
// coordinators) what happened to an event whose date has passed.
func (r *Runner) overdue(e *ctbot.Entry) message {
	users := r.focalPoints(e.Country)
	if len(users) == 0 {
		users = r.cfg.Access.Coordinators
	}
	return message{users: users, text: fmt.Sprintf(
		":mega: %s's %s was planned for %s, and nothing says it was held. Did it take place? Record it with `%s %s %s held %s …`, or postponed with the new date, or cancelled.",
		commands.Esc(r.fw.CountryName(e.Country)), eventName(e), e.Date.Human(), r.cfg.Slack.Command, e.Kind, strings.ToLower(e.Country), e.Date)}
}

// nudge asks the focal points of a quiet country for news, at most weekly.
func (r *Runner) nudge(c *ctbot.Country, days int) message {
	since := fmt.Sprintf("for %d days", days)
	if days < 0 {
		since = "yet"
	}
	return message{users: c.FocalPoints, text: fmt.Sprintf(
		":wave: Hello! ctbot has no entry for %s %s. Anything to report? A line is enough: `%s log %s …`, or `%s new` for the form.",
		commands.Esc(c.Name), since, r.cfg.Slack.Command, strings.ToLower(c.Code), r.cfg.Slack.Command)}
}
