package commands

import (
	"cmp"
	"context"
	"fmt"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// Logframe reports period p (country "" for all states): if it is
// closed, as its close kept it (the figures and the framework then in
// force), whatever changed later, or, for a close that kept nothing, from
// the entries committed before the close (whatever the clock said); as
// known now if it is open.
func (c *Core) Logframe(ctx context.Context, p ctbot.Period, country string) (*ctbot.Logframe, error) {
	r, err := c.periodReport(ctx, p, country, 0)
	return r.lf, err
}

// logframe is Logframe, naming the first sources trainings of each state
// that its figures rest on (ctbot.LogframeFold.KeepSources).
func (c *Core) logframe(ctx context.Context, p ctbot.Period, country string, sources int) (*ctbot.Logframe, error) {
	r, err := c.periodReport(ctx, p, country, sources)
	return r.lf, err
}

// periodReport is a period's logframe and where the period stands.
type periodReport struct {
	lf   *ctbot.Logframe
	last *ctbot.PeriodEvent // the period's latest close or reopen, if any
	// frameworkID is, for a kept report, the latest framework version
	// logged at the close: later ones are not in it.
	frameworkID int64
}

// periodReport is period p's report (see Logframe), naming the first
// sources trainings of each state its figures rest on.
func (c *Core) periodReport(ctx context.Context, p ctbot.Period, country string, sources int) (periodReport, error) {
	var r periodReport
	log, err := c.periods.PeriodLog(ctx)
	if err != nil {
		return r, fmt.Errorf("logframe %s: %w", p, err)
	}
	lf := &ctbot.Logframe{Period: p, AsOf: c.now()}
	if ev, ok := ctbot.LastEvents(log)[p.Name()]; ok {
		r.last = &ev
		if ev.Action == ctbot.PeriodClose {
			lf.Closed, lf.AsOf = &ev, ev.At
		}
	}
	fw := c.phaseOf(p)
	var kept *ctbot.Logframe
	if lf.Closed != nil {
		k, found, err := c.periods.KeptReport(ctx, *lf.Closed)
		if err != nil {
			return r, fmt.Errorf("logframe %s: %w", p, err)
		}
		if found {
			if kept, err = ctbot.LoadKept(k.Report, func(ref ctbot.EntryRef) (*ctbot.Entry, error) {
				return c.periods.EntryVersion(ctx, ref.ID, ref.Version)
			}); err != nil {
				return r, fmt.Errorf("logframe %s: %w", p, err)
			}
			fw, r.frameworkID = kept.Framework, k.FrameworkID
		}
	}
	// The entries are read as known at the close (by commit order) or
	// now; a kept report takes its figures from what the close kept, and
	// its activities, notes and sources from those entries, measured with
	// the framework then in force: nothing of it moves.
	fold := fw.NewLogframeFold(p).KeepSources(sources)
	if err := c.eachOfLogframe(ctx, lf, ctbot.LogframeKinds, func(e *ctbot.Entry) error { fold.Add(e); return nil }); err != nil {
		return r, fmt.Errorf("logframe %s: %w", p, err)
	}
	closed := lf.Closed
	lf = fold.Logframe(lf.AsOf, country)
	if kept != nil {
		lf = kept.OfCountry(country).WithActivities(lf)
	}
	lf.Closed = closed
	r.lf = lf
	return r, nil
}

// keepClose is what the close of period p keeps: its logframe of every
// state, made from the entries in force at the close, with the framework
// in force.
func (c *Core) keepClose(p ctbot.Period) ctbot.KeepClose {
	return func(ev ctbot.PeriodEvent, each func([]ctbot.Kind, ctbot.Date, func(*ctbot.Entry) error) error) ([]byte, error) {
		fold := c.phaseOf(p).NewLogframeFold(p)
		if err := each(ctbot.LogframeKinds, p.End, func(e *ctbot.Entry) error { fold.Add(e); return nil }); err != nil {
			return nil, err
		}
		return fold.Logframe(ev.At, "").Keep()
	}
}

// eachOfLogframe streams the entries of kinds lf's figures are made of,
// dated up to its period's end: as known at its close if it reproduces
// one, else at its instant.
func (c *Core) eachOfLogframe(ctx context.Context, lf *ctbot.Logframe, kinds []ctbot.Kind, fn func(*ctbot.Entry) error) error {
	if lf.Closed != nil {
		return c.periods.EachAtClose(ctx, *lf.Closed, kinds, lf.Period.End, fn)
	}
	return c.periods.EachKnownAt(ctx, lf.AsOf, kinds, lf.Period.End, fn)
}

// phaseOf is the phase a period is reported in (the deployment's first
// when it falls in none).
func (c *Core) phaseOf(p ctbot.Period) *ctbot.Framework {
	if ph := c.fw.PhaseOf(p); ph != nil {
		return ph
	}
	return c.fw
}

// frameworkOf is the framework logframe lf was made with: the one its
// close kept, else its period's phase.
func (c *Core) frameworkOf(lf *ctbot.Logframe) *ctbot.Framework {
	return cmp.Or(lf.Framework, c.phaseOf(lf.Period))
}

// reportArgs reads `[period] [country] [phase=…]` in any order: a period
// of any length (2026-Q3, 2026-H2, 2026, 2026-09) or final, the whole
// phase; no period means the last complete one.
func (c *Core) reportArgs(call *call) (ctbot.Period, string, error) {
	phase, given, err := c.phaseGiven(call)
	if err != nil {
		return ctbot.Period{}, "", err
	}
	var p ctbot.Period
	var named bool
	var country string
	for !call.args.empty() {
		t, _ := call.args.peek()
		if q, ok := c.anyPeriod(t.text); ok && !named {
			p, named = q, true
			call.args.next()
			continue
		}
		if country != "" {
			return p, "", call.noMoreArgs()
		}
		code, err := call.args.country(c.fw, false)
		if err != nil {
			return p, "", badField("period", "err.report_arg", "Text", t.text, "Example", ctbot.PeriodOf(c.fw.Period, call.today).Name())
		}
		country = code
	}
	p, err = c.inPhase(call.today, p, named, phase, given)
	return p, country, err
}

// runReport is the logframe of a period: `report [period] [country]`;
// with the word sources, the entries each of its figures rests on.
func runReport(ctx context.Context, c *Core, call *call) (Reply, error) {
	if err := c.mayRead(call); err != nil {
		return Reply{}, err
	}
	sources := call.args.takeWord("sources")
	p, country, err := c.reportArgs(call)
	if err != nil {
		return Reply{}, err
	}
	if sources {
		return c.sourcesReply(ctx, call.l, p, country)
	}
	doc, _, err := c.Report(ctx, call.l, p, country)
	return Reply{Doc: doc}, err
}

// Report is the logframe of period p (country "" for all) and its
// rendering in l's language.
func (c *Core) Report(ctx context.Context, l *locale.Loc, p ctbot.Period, country string) (reply.Doc, *ctbot.Logframe, error) {
	r, err := c.periodReport(ctx, p, country, 0)
	if err != nil {
		return nil, nil, err
	}
	changed, err := c.changedAfterClose(ctx, r.lf)
	if err != nil {
		return nil, nil, err
	}
	used, after, err := c.frameworkChangesOf(ctx, r)
	if err != nil {
		return nil, nil, err
	}
	doc := c.reportDoc(l, r, changed)
	if len(used) > 0 {
		doc = append(doc, reply.List{Title: l.T("report.framework_used", "Period", p.Name()), Items: c.frameworkLines(l, used)})
	}
	if len(after) > 0 {
		doc = append(doc, reply.List{Title: l.T("report.framework_after", "Period", p.Name()), Items: c.frameworkLines(l, after)})
	}
	return append(doc, reply.Note{Text: l.T("report.footer", "Cmd", c.command, "Period", p.Name())}), r.lf, nil
}

// afterClose is a change made to an entry of a period while it was
// closed: the audit row and the entry as it is now.
type afterClose struct {
	ctbot.AuditRecord
	Entry *ctbot.Entry
}

// changedAfterClose are the changes made while lf's period was closed to
// its entries (of lf's country, if any): for a closed period, those made
// after its close (not in its figures); for a reopened one, all of them
// (now in its figures).
func (c *Core) changedAfterClose(ctx context.Context, lf *ctbot.Logframe) ([]afterClose, error) {
	rs, err := c.periods.AfterCloseChanges(ctx, lf.Period.Start, lf.Period.End)
	if err != nil {
		return nil, err
	}
	var out []afterClose
	for _, r := range rs {
		if lf.Closed != nil && !lf.Closed.Precedes(r) {
			continue
		}
		e, err := c.entries.Entry(ctx, r.EntryID)
		if err != nil {
			return nil, err
		}
		if lf.Country == "" || e.Country == lf.Country {
			out = append(out, afterClose{AuditRecord: r, Entry: e})
		}
	}
	return out, nil
}

// reportDoc renders a period's logframe with the framework it was made
// with: its state (closed, as kept or not, or open), a table of the
// indicators, a table per per-state indicator (or, for one state, one
// table of its rows), and the entries changed after the close.
func (c *Core) reportDoc(l *locale.Loc, r periodReport, changed []afterClose) reply.Doc {
	lf, fw := r.lf, c.frameworkOf(r.lf)
	zone := fw.Location
	period := reply.Plain(lf.Period.Name())
	if lf.Period.Kind == ctbot.Whole {
		period = l.T("report.final")
	}
	title := l.T("report.title", "Name", fw.Name, "Period", period, "Start", lf.Period.Start, "End", lf.Period.End)
	if lf.Country != "" {
		title = l.T("report.title_country", "Name", fw.Name, "Period", period, "Start", lf.Period.Start, "End", lf.Period.End,
			"Country", CountryName(l, fw, lf.Country))
	}
	at := lf.AsOf.In(zone)
	state := l.T("report.open", "Date", ctbot.DateOf(at), "Time", at.Format("15:04"), "Zone", zoneName{at})
	kept := ""
	switch cl := lf.Closed; {
	case cl != nil:
		state = l.T("report.closed", "By", reply.User(cl.Actor), "Date", ctbot.DateOf(at), "Time", at.Format("15:04"), "Zone", zoneName{at})
		kept = map[bool]string{true: "report.kept", false: "report.not_kept"}[lf.Kept]
	case r.last != nil:
		kept = "report.reopened"
	}
	doc := reply.Doc{reply.Heading{Text: title}, reply.Para{Text: state}}
	if kept != "" {
		when := r.last.At.In(zone)
		doc = append(doc, reply.Para{Text: l.T(kept, "By", reply.User(r.last.Actor), "Date", ctbot.DateOf(when), "Time", when.Format("15:04"))})
	}
	cols := []reply.Column{{Title: l.T("report.col.indicator")}, {Title: l.T("report.col.level")}, {Title: l.T("report.col.baseline"), Numeric: true},
		{Title: l.T("report.col.target_due"), Numeric: true}, {Title: l.T("report.col.value"), Numeric: true}, {Title: l.T("report.col.rating")},
		{Title: l.T("report.col.evidence"), Numeric: true}, {Title: l.T("report.col.verified"), Numeric: true}}
	if lf.Country == "" {
		var rows [][]reply.Inline
		for _, r := range lf.Rows {
			ind, p := r.Progress.Indicator, r.Progress
			rows = append(rows, []reply.Inline{reply.Styled(ind.Code, reply.Code), l.T("level." + string(ind.Level)),
				reply.Plain(c.figure(l, ind, p.Baseline)), reply.Plain(c.figure(l, ind, r.Due)), c.programmeFigure(l, p),
				c.ratingCell(l, p.Rating), ofN(r.WithEvidence, r.Values), ofN(r.Verified, r.Values)})
		}
		doc = append(doc, reply.Table{Columns: cols, Rows: rows})
	}
	stateCols := append([]reply.Column{{Title: l.T("report.col.state")}}, cols[3:]...)
	if lf.Country != "" {
		stateCols[0] = reply.Column{Title: l.T("report.col.indicator")}
	}
	var mine [][]reply.Inline
	for _, r := range lf.Rows {
		ind := r.Progress.Indicator
		var rows [][]reply.Inline
		for _, s := range r.States {
			label := reply.Plain(s.Country.NameIn(l.Lang()))
			if lf.Country != "" {
				label = reply.Styled(ind.Code, reply.Code)
			}
			rows = append(rows, []reply.Inline{label, reply.Plain(c.stateTarget(l, ind, s)), c.stateFigure(l, ind, s),
				c.ratingCell(l, s.Rating), ofN(s.WithEvidence, s.Values), ofN(s.Verified, s.Values)})
		}
		if lf.Country != "" {
			mine = append(mine, rows...)
			continue
		}
		if len(rows) > 0 {
			doc = append(doc, reply.Para{Text: l.T("report.by_state", "Code", ind.Code)}, reply.Table{Columns: stateCols, Rows: rows})
		}
	}
	if len(mine) > 0 {
		doc = append(doc, reply.Table{Columns: stateCols, Rows: mine})
	}
	doc = append(doc, c.peopleDoc(l, lf)...)
	doc = append(doc, c.notesDoc(l, lf)...)
	if len(changed) > 0 {
		var items []reply.Inline
		for _, ch := range changed {
			at := ch.At.In(zone)
			items = append(items, l.T("report.changed_item", "ID", ID(ch.EntryID), "Action", l.T("audit.verb."+ch.Action), "By", reply.User(ch.Actor),
				"Date", ctbot.DateOf(at), "Time", at.Format("15:04"), "Reason", ch.Reason, "Entry", Describe(l, c.fw, ch.Entry)))
		}
		title := "report.changed"
		if lf.Closed == nil {
			title = "report.changed_while_closed"
		}
		doc = append(doc, reply.List{Title: l.T(title, "Period", lf.Period.Name()), Items: items})
	}
	return doc
}

// figure writes a value of ind in its unit.
func (c *Core) figure(l *locale.Loc, ind *ctbot.Indicator, v float64) string {
	if ind.Measure == ctbot.MeasurePercent {
		return l.Percent(v)
	}
	return l.Number(v)
}

func (c *Core) programmeFigure(l *locale.Loc, p ctbot.Progress) reply.Inline {
	ind := p.Indicator
	switch {
	case p.Rating == ctbot.NoData:
		return l.T("report.none")
	case ind.Measure == ctbot.MeasurePercent && p.Den < ctbot.MinShareBase:
		return l.T("report.too_few")
	case ind.Measure == ctbot.MeasurePercent:
		return l.T("state.ratio", "Pct", l.Percent(p.Actual), "Num", p.Num, "Den", p.Den)
	case ind.Measure == ctbot.MeasureCount && ind.Scope == ctbot.ScopeEach && p.Uncapped != p.Actual:
		return l.T("report.capped", "Value", l.Number(p.Actual), "Uncapped", l.Number(p.Uncapped))
	}
	return reply.Plain(l.Number(p.Actual))
}

func (c *Core) stateTarget(l *locale.Loc, ind *ctbot.Indicator, s ctbot.StateRow) string {
	if ind.Measure == ctbot.MeasureMilestone {
		return stageName(l, ind, ind.FinalStage())
	}
	return c.figure(l, ind, s.Due)
}

func (c *Core) stateFigure(l *locale.Loc, ind *ctbot.Indicator, s ctbot.StateRow) reply.Inline {
	switch {
	case !s.HasData:
		return l.T("report.none")
	case s.Small:
		return l.T("report.too_few")
	case ind.Measure == ctbot.MeasureMilestone && s.StageBack:
		return reply.Plain(stageName(l, ind, s.Stage)).Append(l.T("state.stage_back", "From", stageName(l, ind, s.StageBefore)))
	case ind.Measure == ctbot.MeasureMilestone:
		return reply.Plain(stageName(l, ind, s.Stage))
	case ind.Measure == ctbot.MeasurePercent:
		return l.T("state.ratio", "Pct", l.Percent(s.Actual), "Num", s.Num, "Den", s.Den)
	}
	return reply.Plain(l.Number(s.Actual))
}

func (c *Core) ratingCell(l *locale.Loc, r ctbot.Rating) reply.Inline {
	return reply.Plain(ratingEmoji(r) + " ").Append(l.T("rating." + r.Code()))
}

// evidenceLine says how many of the values ind rests on now name their
// source, and how many were verified: reported against verified.
func (c *Core) evidenceLine(l *locale.Loc, ind *ctbot.Indicator, s *ctbot.Snapshot) reply.Inline {
	var n ctbot.EvidenceCount
	for _, code := range append([]string{""}, c.countryCodes()...) {
		e := s.Indicators[ctbot.IndicatorKey{Indicator: ind.Code, Country: code}].Evidence
		n.Values += e.Values
		n.WithEvidence += e.WithEvidence
		n.Verified += e.Verified
	}
	return l.T("report.evidence_line", "N", n.Values, "Evidence", n.WithEvidence, "Verified", n.Verified, "Cmd", c.command)
}

func (c *Core) countryCodes() []string {
	out := make([]string, len(c.fw.Countries))
	for i, co := range c.fw.Countries {
		out[i] = co.Code
	}
	return out
}

// ofN writes "k/n".
func ofN(k, n int) reply.Inline { return reply.Plain(fmt.Sprintf("%d/%d", k, n)) }
