package commands

import (
	"slices"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// filter is the question's selection as the figures engine reads it: its
// states, training qualifiers, window (value dates, or when recorded),
// people and evidence.
func (a *asked) filter() ctbot.Filter {
	q := a.q
	f := ctbot.Filter{States: codes(q.States), Topics: q.Topics, Levels: q.Levels, Courses: q.Courses, Online: q.Online,
		By: q.People, Verified: q.Verified, Evidence: q.Evidence}
	a.window(&f)
	return f
}

// window sets f's window to the question's: value dates, or the days the
// entries were recorded on (in the programme's time zone).
func (a *asked) window(f *ctbot.Filter) {
	w := a.q.Window
	if !w.Recorded {
		f.From, f.To = w.From, w.To
		return
	}
	if !w.From.IsZero() {
		f.Since = w.From.Midnight(a.fw.Location).Add(-1)
	}
	if !w.To.IsZero() {
		f.Until = w.To.AddDays(1).Midnight(a.fw.Location).Add(-1)
	}
}

// fieldQualifiers are the qualifiers behind a Filter's fields.
var fieldQualifiers = map[string]qualifier{
	"States": qStates, "Topics": qTopics, "Levels": qLevels, "Courses": qCourses, "Online": qOnline, "From": qWindow, "To": qWindow,
	"Since": qWindow, "Until": qWindow, "By": qPeople, "Verified": qVerified, "Evidence": qEvidence,
}

// clearField unsets a Filter's field by name.
func clearField(f *ctbot.Filter, field string) {
	switch field {
	case "States":
		f.States = nil
	case "Topics":
		f.Topics = nil
	case "Levels":
		f.Levels = nil
	case "Courses":
		f.Courses = nil
	case "Online":
		f.Online = ctbot.Either
	case "From":
		f.From = ctbot.Date{}
	case "To":
		f.To = ctbot.Date{}
	case "Since":
		f.Since = time.Time{}
	case "Until":
		f.Until = time.Time{}
	case "By":
		f.By = nil
	case "Verified":
		f.Verified = ctbot.Either
	case "Evidence":
		f.Evidence = ctbot.Either
	}
}

// query is figure fig of the entries filter f selects, grouped as gb says,
// as known now. A field of the filter the figure cannot apply is named as
// not applied (why: ask.why.<figure>) and left out, so the figure is that
// of what it can apply: never a zero that means nothing, never a broader
// figure in silence.
//
// A qualifier the figure applies in part (a window's end, not its start)
// counts as not applied, whatever other figures of the answer did.
func (a *asked) query(fig ctbot.Figure, f ctbot.Filter, gb ctbot.GroupBy) (*ctbot.Result, error) {
	var partly []qualifier
	for {
		r, err := a.c.figures.Query(a.ctx, ctbot.Query{Filter: f, Figures: []ctbot.Figure{fig}, GroupBy: gb}, a.now)
		if err != nil {
			return nil, err
		}
		u, out := r.Unapplied[fig]
		if !out || len(u.Filter) == 0 {
			a.applied(f)
			for _, x := range partly {
				a.used[x] = false
			}
			return r, nil
		}
		for _, field := range u.Filter {
			if x, ok := fieldQualifiers[field]; ok {
				a.skip(x, "figure", "What", a.l.T("ask.what."+string(fig)))
				partly = append(partly, x)
			}
			clearField(&f, field)
		}
	}
}

// applied marks the qualifiers of the fields f sets as honoured.
func (a *asked) applied(f ctbot.Filter) {
	set := map[qualifier]bool{qStates: len(f.States) > 0, qTopics: len(f.Topics) > 0, qLevels: len(f.Levels) > 0,
		qCourses: len(f.Courses) > 0, qOnline: f.Online != ctbot.Either, qPeople: len(f.By) > 0, qVerified: f.Verified != ctbot.Either,
		qEvidence: f.Evidence != ctbot.Either, qWindow: !f.From.IsZero() || !f.To.IsZero() || !f.Since.IsZero() || !f.Until.IsZero()}
	for x, ok := range set {
		if ok {
			a.use(x)
		}
	}
}

// snapshotServes reports whether the snapshot of now holds the figures of
// trainings or workshops the question asks for: all time, not narrowed by
// course, format, people or evidence (topics and levels it keeps apart).
func (a *asked) snapshotServes(trainings bool) bool {
	q := a.q
	plain := q.Window.IsZero() && len(q.People) == 0 && q.Verified == ctbot.Either && q.Evidence == ctbot.Either
	if !trainings {
		return plain
	}
	return plain && len(q.Courses) == 0 && q.Online == ctbot.Either
}

// held are the trainings and workshops held in the window of value dates
// asked, by state, as the figures of now keep them day by day, when the
// window alone narrows them (ok); for trainings, when no topic, level,
// course or format does either. Topics, levels, courses and format do not
// apply to workshops.
func (a *asked) held(trainings bool) (w *ctbot.WeekActivity, ok bool, err error) {
	q := a.q
	if q.Window.Recorded || len(q.People) > 0 || q.Verified != ctbot.Either || q.Evidence != ctbot.Either ||
		trainings && (len(q.Topics)+len(q.Levels)+len(q.Courses) > 0 || q.Online != ctbot.Either) {
		return nil, false, nil
	}
	start, end := a.c.fw.Span() // no value date lies outside it
	from, to := q.Window.From, q.Window.To
	if from.IsZero() || from.Before(start) {
		from = start
	}
	if to.IsZero() || to.After(end) {
		to = end
	}
	a.use(qStates, qWindow)
	if !trainings {
		a.notForWorkshops()
	}
	w, err = a.c.figures.WeekActivity(a.ctx, a.now, a.now, from, to)
	return w, true, err
}

// notForWorkshops names the qualifiers of trainings as not applied to
// workshops, even where the trainings of the same answer applied them.
func (a *asked) notForWorkshops() {
	for _, x := range []qualifier{qTopics, qLevels, qCourses, qOnline} {
		a.skip(x, "figure", "What", a.l.T("ask.what.workshops"))
		a.used[x] = false
	}
}

// trainingsBy are the trainings the question selects, in total and by
// state.
func (a *asked) trainingsBy() (total ctbot.TrainingTotals, by map[string]ctbot.TrainingTotals, err error) {
	by = map[string]ctbot.TrainingTotals{}
	if a.snapshotServes(true) {
		a.use(qStates, qTopics, qLevels)
		for _, c := range a.states() {
			t := a.s.Trainings[c.Code]
			if len(a.q.Topics)+len(a.q.Levels) > 0 {
				t = ctbot.TrainingTotals{}
				for k, kt := range a.s.Courses {
					if k.Country == c.Code && (len(a.q.Topics) == 0 || slices.Contains(a.q.Topics, k.Topic)) &&
						(len(a.q.Levels) == 0 || slices.Contains(a.q.Levels, k.Level)) {
						t.Merge(kt, 1)
					}
				}
			}
			by[c.Code] = t
			total.Merge(t, 1)
		}
		return total, by, nil
	}
	if w, ok, err := a.held(true); ok || err != nil {
		for _, c := range a.states() {
			by[c.Code] = w.Trainings[c.Code]
			total.Merge(w.Trainings[c.Code], 1)
		}
		return total, by, err
	}
	f := a.filter()
	f.States = codes(a.states())
	r, err := a.query(ctbot.Trainings, f, ctbot.GroupBy{State: true})
	if err != nil {
		return total, nil, err
	}
	for _, g := range r.Groups {
		by[g.State] = g.Trainings
	}
	return r.Total.Trainings, by, nil
}

// workshopsBy are the workshops held the question selects, in total and
// by state.
func (a *asked) workshopsBy() (total ctbot.WorkshopTotals, by map[string]ctbot.WorkshopTotals, err error) {
	by = map[string]ctbot.WorkshopTotals{}
	if a.snapshotServes(false) {
		a.use(qStates)
		for _, c := range a.states() {
			by[c.Code] = a.s.Workshops[c.Code]
			total.Add(a.s.Workshops[c.Code], 1)
		}
		a.notForWorkshops()
		return total, by, nil
	}
	if w, ok, err := a.held(false); ok || err != nil {
		for _, c := range a.states() {
			by[c.Code] = w.Workshops[c.Code]
			total.Add(w.Workshops[c.Code], 1)
		}
		return total, by, err
	}
	f := a.filter()
	f.States = codes(a.states())
	r, err := a.query(ctbot.Workshops, f, ctbot.GroupBy{State: true})
	if err != nil {
		return total, nil, err
	}
	for _, g := range r.Groups {
		by[g.State] = g.Workshops
	}
	return r.Total.Workshops, by, nil
}

// trainingsLine is trainings t in words, with how many were women when
// the question asks.
func (a *asked) trainingsLine(t ctbot.TrainingTotals) reply.Inline {
	if t.Count == 0 {
		return a.l.T("ask.trainings_none")
	}
	line := a.v.trainingSummary(t)
	if a.q.Women {
		a.use(qWomen)
		line = reply.Join(a.l.T("ask.answer_sep"), line, a.v.womenCount(t))
	}
	return line
}

// workshopsLine is workshops w in words.
func (a *asked) workshopsLine(w ctbot.WorkshopTotals) reply.Inline {
	if w.Held == 0 {
		return a.l.T("ask.workshops_none")
	}
	if a.q.Women {
		a.use(qWomen)
	}
	return a.v.workshopSummary(w)
}

// trainings answers how many trainings were held, and trained, as the
// question narrows them.
//
// A question that names only indicators fed by trainings, and asks
// nothing that narrows the trainings ("investigators trained?"), asks for
// the indicators: their values count new people, capped at each state's
// target, not attendances.
func (a *asked) trainings() (reply.Doc, error) {
	if a.fedByTrainings() && !a.q.Women && !a.windowed() {
		return a.indicator()
	}
	total, by, err := a.trainingsBy()
	if err != nil {
		return nil, err
	}
	doc := reply.Doc{a.head("trainings", a.narrowed(a.where()), a.when(), a.trainingsLine(total))}
	doc = append(doc, a.byState(func(c *ctbot.Country) (reply.Inline, bool) {
		t := by[c.Code]
		return a.trainingsLine(t), t.Count > 0
	})...)
	return append(doc, a.details()), nil
}

// workshops answers how many national workshops were held, and their
// participants.
func (a *asked) workshops() (reply.Doc, error) {
	total, by, err := a.workshopsBy()
	if err != nil {
		return nil, err
	}
	doc := reply.Doc{a.head("workshops", a.where(), a.when(), a.workshopsLine(total))}
	doc = append(doc, a.byState(func(c *ctbot.Country) (reply.Inline, bool) {
		w := by[c.Code]
		return a.workshopsLine(w), w.Held > 0
	})...)
	return append(doc, a.details()), nil
}

// fedByTrainings reports whether the question names indicators, each of
// them fed by trainings.
func (a *asked) fedByTrainings() bool {
	for _, ind := range a.q.Indicators {
		if ind.Source != ctbot.SourceTrainings {
			return false
		}
	}
	return len(a.q.Indicators) > 0
}

// narrowed is where, with the topics, levels, courses and format of
// trainings the question names: "Kenya (osint, basic, online)".
func (a *asked) narrowed(where reply.Inline) reply.Inline {
	q := a.q
	var parts []string
	parts = append(parts, q.Topics...)
	parts = append(parts, q.Levels...)
	parts = append(parts, q.Courses...)
	if q.Online != ctbot.Either {
		parts = append(parts, a.l.S("ask.online."+map[bool]string{true: "yes", false: "no"}[q.Online == ctbot.Yes]))
	}
	if parts == nil {
		return where
	}
	return a.l.T("ask.on_topic", "Where", where, "Topic", strings.Join(parts, a.l.S("list.sep")))
}

// byState is a line per state: every state named when there are several,
// or, for the programme, the states with something to show (has), and
// those without named in one line.
func (a *asked) byState(line func(c *ctbot.Country) (reply.Inline, bool)) reply.Doc {
	if len(a.q.States) == 1 {
		return nil
	}
	var items []reply.Inline
	var none []reply.Inline
	for _, c := range a.states() {
		text, has := line(c)
		if !has && len(a.q.States) == 0 {
			none = append(none, reply.Plain(c.NameIn(a.l.Lang())))
			continue
		}
		items = append(items, a.l.T("ask.state_line", "State", c.NameIn(a.l.Lang()), "Text", text))
	}
	if none != nil {
		items = append(items, a.l.T("ask.none_from", "List", reply.Join(a.l.T("list.sep"), none...)))
	}
	if items == nil {
		return nil
	}
	return reply.Doc{reply.List{Items: items}}
}
