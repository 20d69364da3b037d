package commands

import (
	"cmp"
	"slices"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// maxPeople bounds the people an answer lists. whoDays is how many days
// of recording "who" covers when the question gives no window: of states
// named (read by state), or of the whole programme.
const (
	maxPeople        = 20
	whoDays          = 30
	whoProgrammeDays = 7
)

// who answers who recorded the entries the question selects (of the
// states, window and people asked), most first, and who the states'
// focal points are; a window is of the days entries were recorded on,
// and with none, of the last days of recording (whoDays,
// whoProgrammeDays), as the answer says. It shows people: to the asker alone, as
// history and audit are.
func (a *asked) who() (reply.Doc, error) {
	a.people = true
	if a.q.Window.IsZero() {
		days := whoDays
		if len(a.q.States) == 0 {
			days = whoProgrammeDays
		}
		a.q.Window = Window{From: a.today.AddDays(1 - days), To: a.today, Recorded: true}
	}
	// Who recorded what in October: what was recorded then, as the
	// answer's heading says.
	a.q.Window.Recorded = true
	r, err := a.query(ctbot.Entries, a.filter(), ctbot.GroupBy{Person: true, State: true})
	if err != nil {
		return nil, err
	}
	people := a.byPerson(r.Groups)
	var items []reply.Inline
	for i, p := range people {
		if i == maxPeople {
			items = append(items, a.l.T("ask.more_people", "N", len(people)-maxPeople))
			break
		}
		items = append(items, a.l.T("ask.person_line", "User", reply.User(p.user), "N", p.n).
			Append(a.l.T("text.paren", "Text", reply.Join(a.l.T("list.sep"), p.states...))))
	}
	doc := reply.Doc{a.head("who", a.narrowed(a.where()), a.when(), a.l.T("ask.people", "N", len(people), "Entries", r.Total.Entries))}
	if items != nil {
		doc = append(doc, reply.List{Items: items})
	}
	ac := a.c.accessNow(a.ctx)
	for _, c := range a.q.States {
		var fps []reply.Inline
		for _, u := range ac.FocalPointsOf(a.fw, c.Code) {
			fps = append(fps, reply.User(u))
		}
		if fps == nil {
			doc = append(doc, reply.Para{Text: a.l.T("ask.no_focal", "State", c.NameIn(a.l.Lang()))})
			continue
		}
		doc = append(doc, reply.Para{Text: a.l.T("ask.focal", "State", c.NameIn(a.l.Lang()), "List", reply.Join(a.l.T("list.sep"), fps...))})
	}
	return append(doc, a.historyDetails()), nil
}

// recorder is one person's entries in a "who" answer: how many, and how
// many of each state, most first.
type recorder struct {
	user   string
	n      int
	states []reply.Inline
}

// byPerson gathers groups of entries by person and state into each
// person's entries, most first, with their states, most first.
func (a *asked) byPerson(groups []ctbot.Group) []recorder {
	groups = slices.Clone(groups)
	slices.SortStableFunc(groups, func(x, y ctbot.Group) int { return cmp.Compare(y.Entries, x.Entries) })
	var out []recorder
	at := map[string]int{}
	for _, g := range groups {
		i, ok := at[g.Person]
		if !ok {
			i, at[g.Person] = len(out), len(out)
			out = append(out, recorder{user: g.Person})
		}
		name := a.l.S("ask.programme_wide")
		if c := a.fw.Country(g.State); c != nil {
			name = c.NameIn(a.l.Lang())
		}
		out[i].n += g.Entries
		out[i].states = append(out[i].states, a.l.T("ask.kind_count", "Kind", name, "N", g.Entries))
	}
	slices.SortStableFunc(out, func(x, y recorder) int { return cmp.Compare(y.n, x.n) })
	return out
}

// evidence answers how many values name their evidence and how many were
// verified: of the values the indicators asked rest on now, and of the
// trainings; in a window (or narrowed otherwise), of the entries it
// selects.
func (a *asked) evidence() (reply.Doc, error) {
	a.use(qVerified, qEvidence)
	q := a.q
	if !q.Window.IsZero() || len(q.Topics)+len(q.Levels)+len(q.Courses)+len(q.People) > 0 || q.Online != ctbot.Either {
		return a.evidenceOfTrainings()
	}
	a.use(qStates)
	var n ctbot.EvidenceCount
	var inds []reply.Inline
	places := []string{""}
	if len(a.q.States) > 0 {
		places = nil
	}
	places = append(places, codes(a.states())...)
	for _, ind := range a.indicators() {
		var m ctbot.EvidenceCount
		for _, code := range places {
			e := a.s.Indicators[ctbot.IndicatorKey{Indicator: ind.Code, Country: code}].Evidence
			m.Values, m.WithEvidence, m.Verified = m.Values+e.Values, m.WithEvidence+e.WithEvidence, m.Verified+e.Verified
		}
		n.Values, n.WithEvidence, n.Verified = n.Values+m.Values, n.WithEvidence+m.WithEvidence, n.Verified+m.Verified
		inds = append(inds, a.l.T("ask.state_line", "State", ind.NameIn(a.l.Lang()), "Text", a.evidenceText("ask.evidence_values", m)))
	}
	var t ctbot.TrainingTotals
	for _, c := range a.states() {
		t.Merge(a.s.Trainings[c.Code], 1)
	}
	text := reply.Join(a.l.T("ask.answer_sep"), a.evidenceText("ask.evidence_values", n),
		a.evidenceText("ask.evidence_trainings", ctbot.EvidenceCount{Values: t.Count, WithEvidence: t.WithEvidence, Verified: t.Verified}))
	doc := reply.Doc{a.head("evidence", a.where(), a.l.T("ask.when.all", "Date", a.today), text)}
	if len(inds) > 1 {
		doc = append(doc, reply.List{Items: inds})
	}
	return append(doc, a.details()), nil
}

// evidenceOfTrainings is how many of the trainings the question selects
// (by window, state, topic…) name their evidence, and how many were
// verified: an indicator's value is all recorded up to a day, so only
// trainings are counted in a window.
func (a *asked) evidenceOfTrainings() (reply.Doc, error) {
	f := a.filter()
	f.Verified, f.Evidence = ctbot.Either, ctbot.Either
	r, err := a.query(ctbot.Trainings, f, ctbot.GroupBy{})
	if err != nil {
		return nil, err
	}
	t := r.Total.Trainings
	text := a.evidenceText("ask.evidence_trainings", ctbot.EvidenceCount{Values: t.Count, WithEvidence: t.WithEvidence, Verified: t.Verified})
	return reply.Doc{a.head("evidence", a.narrowed(a.where()), a.when(), text), a.details()}, nil
}

// evidenceText is "of N values, K name their evidence, V verified".
func (a *asked) evidenceText(id string, n ctbot.EvidenceCount) reply.Inline {
	return a.l.T(id, "N", n.Values, "Evidence", n.WithEvidence, "Verified", n.Verified)
}

// help says what can be asked, with three examples close to the question
// (its state, its window), in the asker's language; lead first, if any.
func (a *asked) help(lead reply.Inline) reply.Doc {
	l := a.l
	state := ""
	if len(a.q.States) > 0 {
		state = a.q.States[0].NameIn(l.Lang())
	} else if cs := a.c.fw.Countries; len(cs) > 0 {
		state = cs[0].NameIn(l.Lang())
	}
	when := a.q.Window.Said
	if when == "" {
		when = l.S("ask.example.this_month")
	}
	var doc reply.Doc
	if lead != nil {
		doc = append(doc, reply.Para{Text: lead})
	}
	examples := []reply.Inline{
		l.T("ask.example.trainings", "State", state, "When", when),
		l.T("ask.example.behind", "State", state),
		l.T("ask.example.upcoming", "State", state),
	}
	if a.q.Women {
		examples[1] = l.T("ask.example.women", "State", state)
	}
	if len(a.q.Indicators) > 0 {
		examples[2] = l.T("ask.example.target", "Name", a.q.Indicators[0].NameIn(l.Lang()))
	}
	return append(doc,
		reply.List{Title: l.T("ask.can_ask"), Items: examples},
		reply.Para{Text: l.T("ask.subjects")},
		reply.Note{Text: l.T("ask.help_commands", "Cmd", a.c.command)},
	)
}
