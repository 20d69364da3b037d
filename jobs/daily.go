package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// daily redacts free text past retention, every day in the programme's zone.
func (r *Runner) daily(ctx context.Context, at time.Time, _ *ctbot.JobRun) (string, error) {
	redacted, err := r.retention(ctx, at)
	if err != nil {
		return "", err
	}
	if redacted == 0 {
		return skippedNothing, nil
	}
	return fmt.Sprintf("free text of %d entries redacted", redacted), nil
}

// stateDaily sends a state's event reminders, overdue questions and nudge,
// each as a run of its own so that none is ever sent twice. It runs on
// the state's working days, in its zone: a reminder due on a day off goes
// out on the working day before, a question due on a day off on the
// working day after.
//
// The day and the runs are the scheduled instant's (at); what is known is
// read as of now: a run that goes out late (caught up after a restart)
// does not remind anyone of what was recorded since at.
//
// Nothing is sent once the programme has ended (or between two of its
// phases), nor for a state that has withdrawn: nobody is asked to record
// what could not be recorded.
func (r *Runner) stateDaily(ctx context.Context, at time.Time, c *ctbot.Country) (string, error) {
	if day := ctbot.DateOf(at.In(c.Zone(r.fw.Location))); r.fw.Over(day) || !c.ActiveOn(day) {
		return skippedNothing, nil
	}
	asOf := r.now()
	if asOf.Before(at) {
		asOf = at
	}
	snap, err := r.figs.Snapshot(ctx, asOf)
	if err != nil {
		return "", err
	}
	snoozes, err := r.store.Snoozes(ctx)
	if err != nil {
		return "", err
	}
	ac := r.access(ctx)
	today := ctbot.DateOf(at.In(c.Zone(r.fw.Location)))
	prev, next := c.PrevWorkingDay(today), c.NextWorkingDay(today)
	var errs []error
	sent := 0
	for _, e := range snap.Open {
		if e.Date.IsZero() || e.Country != c.Code {
			continue
		}
		if on, ok := snoozes[e.Series]; ok {
			if on.After(today) {
				continue // someone asked to be reminded later
			}
			// The day asked for has come (or passed on a day off): ask
			// again, once.
			job, m := JobOverdue, r.overdue(ac, e)
			if e.Date.After(today) {
				job, m = JobReminder, r.reminder(ac, e, e.Date.DaysSince(today))
			}
			period := fmt.Sprintf("%s#%d@%s-again-%s", e.Kind, e.Series, e.Date, on)
			errs = append(errs, r.send(ctx, job, period, at, &sent, m))
			if on.After(prev) {
				continue // asked again today: not a second time by the usual rules
			}
		}
		for _, n := range r.cfg.Reminders.DaysBefore {
			if day := e.Date.AddDays(-n); !day.Before(today) && day.Before(next) {
				period := fmt.Sprintf("%s#%d@%s-%dd", e.Kind, e.Series, e.Date, n)
				errs = append(errs, r.send(ctx, JobReminder, period, at, &sent, r.reminder(ac, e, e.Date.DaysSince(today))))
			}
		}
		if e.Date.Before(today) && !e.Date.Before(prev) {
			period := fmt.Sprintf("%s#%d@%s", e.Kind, e.Series, e.Date)
			errs = append(errs, r.send(ctx, JobOverdue, period, at, &sent, r.overdue(ac, e)))
		}
	}
	view := r.core.NewView(r.core.Loc(""), snap, today)
	countries, days := view.Quiet()
	year, week := today.ISOWeek()
	for i, q := range countries {
		if q.Code == c.Code {
			period := fmt.Sprintf("%s@%d-W%02d", q.Code, year, week)
			errs = append(errs, r.send(ctx, JobNudge, period, at, &sent, r.nudge(ac, q, days[i])))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return "", err
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
			if err != nil && ctbot.CodeOf(err) != ctbot.EUnchanged {
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
	event   *ctbot.Entry // the event a reminder is about: it gets the answer buttons
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
			l := r.core.Loc(user)
			if user == "" { // the channel reads the digest's language
				l = r.core.Catalog().For(r.core.DigestLanguage())
			}
			d := reply.Doc{reply.Para{Text: m.text(l)}}
			if m.event != nil {
				d = append(d, commands.EventActions(l, m.event))
			}
			return r.poster.Split(d)
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

// access is the configuration's roles with those granted in Slack; the
// configuration's alone when the grants cannot be read (logged).
func (r *Runner) access(ctx context.Context) ctbot.Access {
	grants, err := r.store.Grants(ctx)
	if err != nil {
		r.log.Error("jobs: reading the roles granted in Slack; reminding those of the configuration only", "err", err)
		return r.cfg.Access
	}
	return r.cfg.Access.With(grants)
}

// recordHeld is the command that records the event as held.
func (r *Runner) recordHeld(e *ctbot.Entry) string {
	return fmt.Sprintf("%s %s %s held %s …", r.cfg.Slack.Command, e.Kind, e.Country, e.Date)
}

// reminder is sent n days before a planned event, to the digest channel
// and the country's focal points.
func (r *Runner) reminder(ac ctbot.Access, e *ctbot.Entry, n int) message {
	return message{channel: r.cfg.Digest.Channel, users: ac.FocalPointsOf(r.fw, e.Country), event: e, text: func(l *locale.Loc) reply.Inline {
		when := l.T("remind.in_days", "N", n)
		if n == 1 {
			when = l.T("days.tomorrow")
		}
		return l.T("remind.reminder", "Country", commands.CountryName(l, r.fw, e.Country), "Event", commands.EventName(l, e), "Date", e.Date,
			"When", when, "Command", r.recordHeld(e))
	}}
}

// overdue asks the country's focal points (or, if it has none, the
// coordinators) what happened to an event whose date has passed.
func (r *Runner) overdue(ac ctbot.Access, e *ctbot.Entry) message {
	users := ac.FocalPointsOf(r.fw, e.Country)
	if len(users) == 0 {
		users = ac.AllCoordinators()
	}
	return message{users: users, event: e, text: func(l *locale.Loc) reply.Inline {
		return l.T("remind.overdue", "Country", commands.CountryName(l, r.fw, e.Country), "Event", commands.EventName(l, e), "Date", e.Date, "Command", r.recordHeld(e))
	}}
}

// nudge asks the focal points of a quiet country for news, at most weekly.
func (r *Runner) nudge(ac ctbot.Access, c *ctbot.Country, days int) message {
	return message{users: ac.FocalPointsOf(r.fw, c.Code), text: func(l *locale.Loc) reply.Inline {
		if days < 0 {
			return l.T("remind.nudge_never", "Country", c.NameIn(l.Lang()), "Cmd", r.cfg.Slack.Command, "Code", c.Code)
		}
		return l.T("remind.nudge", "Country", c.NameIn(l.Lang()), "N", days, "Cmd", r.cfg.Slack.Command, "Code", c.Code)
	}}
}
