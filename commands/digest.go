package commands

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
)

// digestLogs is how many free-text updates a digest quotes.
const digestLogs = 10

// Digest renders the weekly digest as known at instant at, covering the
// seven days before it. Sections with nothing to say are left out.
func (c *Core) Digest(ctx context.Context, at time.Time) (Reply, error) {
	today := c.fw.Today(at)
	from, to := today.AddDays(-7), today.AddDays(-1)
	since := at.Add(-7 * 24 * time.Hour)
	s, err := c.store.Snapshot(ctx, c.fw, at)
	if err != nil {
		return Reply{}, fmt.Errorf("digest: %w", err)
	}
	w, err := c.store.WeekActivity(ctx, since, at, from, to)
	if err != nil {
		return Reply{}, fmt.Errorf("digest: %w", err)
	}
	logs, err := c.store.History(ctx, ctbot.EntryFilter{Kind: ctbot.KindLog, Since: since.Add(time.Microsecond), Until: at, Active: true, Limit: digestLogs})
	if err != nil {
		return Reply{}, fmt.Errorf("digest: %w", err)
	}
	v := c.NewView(s, today)
	_, week := from.ISOWeek()
	r := Reply{Sections: []Section{{
		Header:  fmt.Sprintf("%s weekly digest — week %d", c.fw.Name, week),
		Text:    fmt.Sprintf("*%s – %s*\n%s.", from.Short(), to.Human(), weekSummary(w)),
		Context: v.timeline(),
	}}}
	add := func(title, body string) {
		if body != "" {
			r.Sections = append(r.Sections, Section{Text: "*" + title + "*\n" + body, Divider: true})
		}
	}
	add("Kick-offs", v.kickoffDigest())
	add("Workshops and trainings", v.eventsDigest(w))
	add("Indicator gaps, worst first", v.Gaps())
	if q := v.QuietText(); q != "" {
		r.Sections = append(r.Sections, Section{Text: q, Divider: true})
	}
	add("Notable updates", c.logsDigest(logs, w.Logs))
	return r, nil
}

func weekSummary(w *ctbot.WeekActivity) string {
	if w.Entries == 0 {
		return "No entries this week"
	}
	return fmt.Sprintf("%s this week by %s, covering %s", plural(w.Entries, "entry"), plural(w.People, "person"), plural(w.Countries, "country"))
}

// kickoffDigest gives each country's kick-off state; countries with none
// scheduled share one line.
func (v *View) kickoffDigest() string {
	var b strings.Builder
	var none []string
	for _, c := range v.fw.Countries {
		if v.s.Kickoffs[c.Code] == nil {
			none = append(none, Esc(c.Name))
			continue
		}
		fmt.Fprintf(&b, "• *%s* — %s\n", Esc(c.Name), v.kickoffState(c.Code))
	}
	if len(none) > 0 {
		fmt.Fprintf(&b, "• Not scheduled: %s\n", strings.Join(none, ", "))
	}
	return b.String()
}

// eventsDigest lists the workshops and trainings held in the week and the
// workshops planned within the lookahead.
func (v *View) eventsDigest(w *ctbot.WeekActivity) string {
	var held []string
	for _, c := range v.fw.Countries {
		var parts []string
		if ws := w.Workshops[c.Code]; ws.Held > 0 {
			parts = append(parts, v.workshopSummary(ws))
		}
		if t := w.Trainings[c.Code]; t.Count > 0 {
			parts = append(parts, v.trainingSummary(t))
		}
		if len(parts) > 0 {
			held = append(held, "• *"+Esc(c.Name)+"* — "+strings.Join(parts, "; "))
		}
	}
	var planned []string
	horizon := v.today.AddDays(v.lookahead)
	for _, e := range v.s.Open {
		if e.Kind == ctbot.KindWorkshop && !e.Date.IsZero() && !e.Date.Before(v.today) && !e.Date.After(horizon) {
			planned = append(planned, "• "+Describe(v.fw, e)+" — "+inDays(e.Date.DaysSince(v.today)))
		}
	}
	var b strings.Builder
	if len(held) > 0 {
		b.WriteString("_Held last week_\n" + strings.Join(held, "\n") + "\n")
	}
	if len(planned) > 0 {
		fmt.Fprintf(&b, "_Planned in the next %d days_\n%s\n", v.lookahead, strings.Join(planned, "\n"))
	}
	return b.String()
}

// logsDigest quotes the week's free-text updates, shortened, with who and where.
func (c *Core) logsDigest(logs []*ctbot.Entry, total int) string {
	var b strings.Builder
	for _, e := range logs {
		fmt.Fprintf(&b, "• %s (%s): “%s”\n", mention(e.UserID), Esc(c.fw.CountryName(e.Country)), Esc(Truncate(strings.Join(strings.Fields(e.Note), " "), 200)))
	}
	if total > len(logs) {
		fmt.Fprintf(&b, "…and %d more: `%s history`\n", total-len(logs), c.command)
	}
	return b.String()
}
