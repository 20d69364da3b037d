package commands

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// digestLogs is how many free-text updates a digest quotes.
const digestLogs = 10

// Digest renders the weekly digest as known at instant at, covering the
// week before it. Sections with nothing to say are left out. Once the
// programme has ended it goes on while there is something to report
// (entries recorded, the last period open), then says once that it stops:
// after that its Outcome is DigestStopped, and there is nothing to post.
func (c *Core) Digest(ctx context.Context, at time.Time) (Reply, error) {
	return c.DigestIn(ctx, at, c.digest)
}

// DigestStopped is the Outcome of a digest with nothing to report: the
// programme has ended, its last period is closed and nothing was recorded
// in the week, nor the week before (when the digest said it stops).
const DigestStopped = "stopped"

// DigestLanguage is the language of the posted digest.
func (c *Core) DigestLanguage() string { return c.digest }

// DigestIn is Digest in language lang (a coordinator's, for their DM).
func (c *Core) DigestIn(ctx context.Context, at time.Time, lang string) (Reply, error) {
	return c.digestOf(ctx, at, lang, c.fw.Current(c.fw.Today(at)))
}

// digestOf is the digest of phase at instant at in language lang.
func (c *Core) digestOf(ctx context.Context, at time.Time, lang string, phase *ctbot.Framework) (Reply, error) {
	l := c.cat.For(lang)
	today := c.fw.Today(at)
	from, to := today.AddDays(-7), today.AddDays(-1)
	// The same wall-clock time a week before, in the programme's zone: a
	// weekly digest starts where the last one ended, across DST changes.
	since := at.In(c.fw.Location).AddDate(0, 0, -7)
	s, err := c.figures.PhaseSnapshot(ctx, phase, at)
	if err != nil {
		return Reply{}, fmt.Errorf("digest: %w", err)
	}
	w, err := c.figures.WeekActivity(ctx, since, at, from, to)
	if err != nil {
		return Reply{}, fmt.Errorf("digest: %w", err)
	}
	last, open, goesOn, err := c.digestGoesOn(ctx, phase, at, w.Entries)
	if err != nil {
		return Reply{}, fmt.Errorf("digest: %w", err)
	}
	_, week := from.ISOWeek()
	heading := reply.Heading{Text: l.T("digest.title", "Name", phase.Name, "Week", week)}
	if !goesOn {
		// Said once: by the first digest with nothing to report.
		_, _, wentOn, err := c.digestGoesOn(ctx, phase, since, -1)
		if err != nil {
			return Reply{}, fmt.Errorf("digest: %w", err)
		}
		if wentOn {
			return Reply{Doc: reply.Doc{heading, reply.Para{Text: l.T("digest.stops", "Programme", phase.Name, "End", phase.EndOn(today), "Period", last.Name())}}}, nil
		}
		return Reply{Outcome: DigestStopped, Doc: reply.Doc{reply.Para{Text: l.T("digest.stopped", "Programme", phase.Name, "End", phase.EndOn(today), "Period", last.Name())}}}, nil
	}
	logs, err := c.figures.EntriesAt(ctx, ctbot.KindLog, since, at, digestLogs)
	if err != nil {
		return Reply{}, fmt.Errorf("digest: %w", err)
	}
	late, err := c.figures.EntriesBefore(ctx, from, since, at, maxListed)
	if err != nil {
		return Reply{}, fmt.Errorf("digest: %w", err)
	}
	v := c.NewPhaseView(l, s, today, phase)
	zone := c.fw.Location
	doc := reply.Doc{
		heading,
		reply.Para{Text: reply.Lines(l.T("digest.range", "From", l.ShortDate(from), "To", to), v.weekSummary(w))},
		reply.Note{Text: reply.Lines(l.T("digest.instants", "Since", l.ShortDate(ctbot.DateOf(since.In(zone))), "SinceTime", since.In(zone).Format("15:04"),
			"Until", l.ShortDate(ctbot.DateOf(at.In(zone))), "UntilTime", at.In(zone).Format("15:04"), "Zone", zoneName{at.In(zone)}), v.Timeline())},
	}
	if phase.EndedOn(today) {
		line := l.T("digest.ended", "Period", last.Name())
		if open {
			line = reply.Lines(line, l.T("digest.last_open", "Period", last.Name(), "Cmd", c.command))
		}
		doc = append(doc, reply.Para{Text: line})
	}
	add := func(title reply.Inline, items []reply.Inline) {
		if len(items) > 0 {
			doc = append(doc, reply.Divider{}, reply.List{Title: title, Items: items})
		}
	}
	if !phase.EndedOn(today) {
		add(l.T("digest.kickoffs"), v.kickoffDigest())
	}
	add(l.T("digest.held"), v.heldDigest(w))
	add(l.T("digest.late"), c.lateDigest(v, late, w.Backfilled))
	add(l.T("digest.readiness"), v.readinessDigest(since, at))
	add(l.T("digest.planned", "N", c.lookahead), v.plannedDigest())
	behind, apart, fine := v.Gaps()
	add(l.T("digest.gaps"), behind)
	for _, line := range []reply.Inline{apart, fine} {
		if line != nil {
			doc = append(doc, reply.Para{Text: line})
		}
	}
	if q := v.QuietList(); q != nil {
		doc = append(doc, reply.Divider{}, q)
	}
	add(l.T("digest.logs"), c.logsDigest(v, logs, w.Logs))
	return Reply{Doc: doc}, nil
}

// digestGoesOn says whether the digest of phase at instant at has
// something to report (ctbot.Framework.Reports), with the phase's last
// period and whether it is open then. recorded is how many entries were
// recorded in the week before at; -1 to count them here.
func (c *Core) digestGoesOn(ctx context.Context, phase *ctbot.Framework, at time.Time, recorded int) (last ctbot.Period, open, goesOn bool, err error) {
	today := c.fw.Today(at)
	if !phase.EndedOn(today) {
		return last, false, true, nil
	}
	log, err := c.periods.PeriodLog(ctx)
	if err != nil {
		return last, false, false, err
	}
	last, open = phase.LastPeriodOpen(log, at)
	if recorded < 0 {
		w, err := c.figures.WeekActivity(ctx, at.In(c.fw.Location).AddDate(0, 0, -7), at, today.AddDays(-7), today.AddDays(-1))
		if err != nil {
			return last, open, false, err
		}
		recorded = w.Entries
	}
	return last, open, phase.Reports(today, recorded, open), nil
}

// lateDigest lists the entries recorded in the week about earlier days
// (the first maxListed of them, by value date), each with its date: what
// was reported late, so that nothing reported escapes the digest.
func (c *Core) lateDigest(v *View, late []*ctbot.Entry, total int) []reply.Inline {
	var out []reply.Inline
	for _, e := range late {
		short := *e
		short.Note = Truncate(strings.Join(strings.Fields(e.Note), " "), 200)
		out = append(out, v.l.T("digest.late_line", "Date", e.Date, "Entry", Describe(v.l, c.fw, &short), "ID", ID(e.ID), "User", reply.User(e.UserID)))
	}
	if total > len(late) {
		out = append(out, v.l.T("list.more_history", "N", total-len(late), "Cmd", c.command))
	}
	return out
}

func (v *View) weekSummary(w *ctbot.WeekActivity) reply.Inline {
	if w.Entries == 0 {
		return v.l.T("digest.no_entries")
	}
	var backfilled reply.Inline
	if w.Backfilled > 0 {
		backfilled = v.l.T("digest.backfilled", "N", w.Backfilled)
	}
	return v.l.T("digest.summary", "Entries", v.l.T("count.entries", "N", w.Entries), "Backfilled", backfilled,
		"People", v.l.T("count.people", "N", w.People), "Countries", v.l.T("count.countries", "N", w.Countries))
}

// kickoffDigest gives each country's kick-off state; countries with none
// scheduled share one line.
func (v *View) kickoffDigest() []reply.Inline {
	var out []reply.Inline
	var none []string
	for _, c := range v.fw.ActiveOn(v.today) {
		if v.s.Kickoffs[c.Code] == nil {
			none = append(none, c.NameIn(v.l.Lang()))
			continue
		}
		out = append(out, v.l.T("digest.kickoff_line", "Country", c.NameIn(v.l.Lang()), "State", v.kickoffState(c.Code)))
	}
	if len(none) > 0 {
		out = append(out, v.l.T("digest.not_scheduled", "List", strings.Join(none, v.l.S("list.sep"))))
	}
	return out
}

// heldDigest lists the workshops and trainings held in the week.
func (v *View) heldDigest(w *ctbot.WeekActivity) []reply.Inline {
	var held []reply.Inline
	for _, c := range v.fw.Countries {
		var parts []reply.Inline
		if ws := w.Workshops[c.Code]; ws.Held > 0 {
			parts = append(parts, v.workshopSummary(ws))
		}
		if t := w.Trainings[c.Code]; t.Count > 0 {
			parts = append(parts, v.trainingSummary(t))
		}
		if len(parts) > 0 {
			held = append(held, v.l.T("status.country_line", "Country", c.NameIn(v.l.Lang()), "Parts", reply.Join(v.l.T("ask.answer_sep"), parts...)))
		}
	}
	return held
}

// plannedDigest lists the workshops planned within the lookahead.
func (v *View) plannedDigest() []reply.Inline {
	var planned []*ctbot.Entry
	horizon := v.today.AddDays(v.lookahead)
	for _, e := range v.s.Open {
		if e.Kind == ctbot.KindWorkshop && !e.Date.IsZero() && !e.Date.Before(v.today) && !e.Date.After(horizon) {
			planned = append(planned, e)
		}
	}
	return v.eventLines(planned, "", v.soonLine)
}

// logsDigest quotes the week's free-text updates, shortened, with who and where.
func (c *Core) logsDigest(v *View, logs []*ctbot.Entry, total int) []reply.Inline {
	var out []reply.Inline
	for _, e := range logs {
		out = append(out, v.l.T("digest.log_line", "User", reply.User(e.UserID), "Country", CountryName(v.l, c.fw, e.Country),
			"Note", Truncate(strings.Join(strings.Fields(e.Note), " "), 200)))
	}
	if total > len(logs) {
		out = append(out, v.l.T("list.more_history", "N", total-len(logs), "Cmd", c.command))
	}
	return out
}
