package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// daily sends the day's event reminders, overdue questions and nudges, each
// as a run of its own so that none is ever sent twice.
func (r *Runner) daily(ctx context.Context, at time.Time, _ *ctbot.JobRun) (string, error) {
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
	view := r.core.NewView(r.core.Loc(""), snap, today)
	countries, days := view.Quiet()
	year, week := today.ISOWeek()
	for i, c := range countries {
		period := fmt.Sprintf("%s@%d-W%02d", c.Code, year, week)
		errs = append(errs, r.send(ctx, JobNudge, period, at, &sent, r.nudge(c, days[i])))
	}
	redacted, err := r.retention(ctx, at)
	errs = append(errs, err)
	if err := errors.Join(errs...); err != nil {
		return "", err
	}
	if redacted > 0 {
		return fmt.Sprintf("%d messages sent; free text of %d entries redacted", sent, redacted), nil
	}
	return fmt.Sprintf("%d messages sent", sent), nil
}

// RetentionActor is who the audit trail names for redactions by retention.
const RetentionActor = "ctbot"

// retention redacts the free text of entries older than
// retention.free_text_days (none when 0), audited with the rule as reason.
func (r *Runner) retention(ctx context.Context, at time.Time) (int, error) {
	days := r.cfg.Retention.FreeTextDays
	if days <= 0 {
		return 0, nil
	}
	reason := r.core.Loc("").S("retention.reason", "N", days)
	n, seen := 0, map[int64]bool{}
	for {
		ids, err := r.store.WithFreeText(ctx, at.AddDate(0, 0, -days), 500)
		if err != nil || len(ids) == 0 {
			return n, err
		}
		for _, id := range ids {
			if seen[id] {
				return n, fmt.Errorf("retention: #%d still holds free text after its redaction", id)
			}
			seen[id] = true
			_, err := r.store.Redact(ctx, id, RetentionActor, reason, false, ctbot.WriteOptions{AfterClose: true})
			if err != nil && !errors.Is(err, ctbot.ErrNothingChanged) {
				return n, fmt.Errorf("retention: %w", err)
			}
			n++
		}
	}
}

// message is one reminder or nudge: where it goes and what it says, in
// the reader's language.
type message struct {
	channel string   // "" for none
	users   []string // direct messages
	text    func(l *locale.Loc) reply.Inline
}

// send delivers m once as run (job, period).
func (r *Runner) send(ctx context.Context, job, period string, at time.Time, sent *int, m message) error {
	return r.once(ctx, job, period, at, func(ctx context.Context, run *ctbot.JobRun) (string, error) {
		if m.channel == "" && len(m.users) == 0 {
			return skippedNothing, nil
		}
		s, err := r.sender(ctx, run)
		if err != nil {
			return "", err
		}
		doc := func(user string) []reply.Doc {
			return r.poster.Split(reply.Doc{reply.Para{Text: m.text(r.core.Loc(user))}})
		}
		var errs []error
		if m.channel != "" {
			if _, err := s.thread(ctx, "channel", m.channel, doc("")); err != nil {
				errs = append(errs, err)
			}
		}
		for _, u := range m.users {
			if _, _, err := s.dm(ctx, u, doc(u)); err != nil {
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

// eventName names an event in a reminder: "project kick-off", "workshop “LEA readiness”".
func eventName(l *locale.Loc, e *ctbot.Entry) reply.Inline {
	switch {
	case e.Kind == ctbot.KindKickoff:
		return l.T("remind.kickoff")
	case e.Title != "":
		return l.T("remind.workshop_titled", "Title", e.Title)
	}
	return l.T("remind.workshop")
}

// recordHeld is the command that records the event as held.
func (r *Runner) recordHeld(e *ctbot.Entry) string {
	return fmt.Sprintf("%s %s %s held %s …", r.cfg.Slack.Command, e.Kind, e.Country, e.Date)
}

// reminder is sent n days before a planned event, to the digest channel
// and the country's focal points.
func (r *Runner) reminder(e *ctbot.Entry, n int) message {
	return message{channel: r.cfg.Digest.Channel, users: r.focalPoints(e.Country), text: func(l *locale.Loc) reply.Inline {
		when := l.T("remind.in_days", "N", n)
		if n == 1 {
			when = l.T("days.tomorrow")
		}
		return l.T("remind.reminder", "Country", r.fw.CountryName(e.Country), "Event", eventName(l, e), "Date", e.Date,
			"When", when, "Command", r.recordHeld(e))
	}}
}

// overdue asks the country's focal points (or, if it has none, the
// coordinators) what happened to an event whose date has passed.
func (r *Runner) overdue(e *ctbot.Entry) message {
	users := r.focalPoints(e.Country)
	if len(users) == 0 {
		users = r.cfg.Access.Coordinators
	}
	return message{users: users, text: func(l *locale.Loc) reply.Inline {
		return l.T("remind.overdue", "Country", r.fw.CountryName(e.Country), "Event", eventName(l, e), "Date", e.Date, "Command", r.recordHeld(e))
	}}
}

// nudge asks the focal points of a quiet country for news, at most weekly.
func (r *Runner) nudge(c *ctbot.Country, days int) message {
	return message{users: c.FocalPoints, text: func(l *locale.Loc) reply.Inline {
		if days < 0 {
			return l.T("remind.nudge_never", "Country", c.Name, "Cmd", r.cfg.Slack.Command, "Code", c.Code)
		}
		return l.T("remind.nudge", "Country", c.Name, "N", days, "Cmd", r.cfg.Slack.Command, "Code", c.Code)
	}}
}
