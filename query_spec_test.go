package ctbot_test

import (
	"slices"

	"github.com/cttechplus/ctbot"
)

// expected is what a query gives, stated by bruteForce.
type expected struct {
	groups    map[ctbot.Key]ctbot.Figures
	unapplied map[ctbot.Figure]ctbot.Unapplied
}

// bruteForce is the plain statement of what a query gives, written apart
// from the evaluator and slow: plain loops over the entries in force,
// filtering each and summing each figure into its group.
func bruteForce(fw *ctbot.Framework, q ctbot.Query, inForce []*ctbot.Entry) expected {
	x := expected{groups: map[ctbot.Key]ctbot.Figures{}, unapplied: map[ctbot.Figure]ctbot.Unapplied{}}
	asked := map[ctbot.Figure]bool{}
	for _, fig := range q.Figures {
		if u := specUnapplied(q, fig); u.Filter != nil || u.GroupBy != nil {
			x.unapplied[fig] = u
		} else {
			asked[fig] = true
		}
	}
	f := q.Filter
	add := func(k ctbot.Key, change func(g *ctbot.Figures)) {
		g := x.groups[k]
		change(&g)
		x.groups[k] = g
	}
	latest := map[int64]*ctbot.Entry{}
	for _, e := range inForce {
		if e.Kind == ctbot.KindWorkshop && (latest[e.Series] == nil || e.ID > latest[e.Series].ID) {
			latest[e.Series] = e
		}
		if !specMatch(f, e) {
			continue
		}
		if asked[ctbot.Entries] {
			add(specKey(fw, q.GroupBy, e), func(g *ctbot.Figures) { g.Entries++ })
		}
		if asked[ctbot.Trainings] && e.Kind == ctbot.KindTraining {
			add(specKey(fw, q.GroupBy, e), func(g *ctbot.Figures) { g.Trainings = plusTraining(g.Trainings, e) })
		}
	}
	for _, e := range latest {
		if asked[ctbot.Workshops] && e.Status == ctbot.StatusHeld && specMatch(f, e) {
			add(specKey(fw, q.GroupBy, e), func(g *ctbot.Figures) {
				g.Workshops.Held++
				g.Workshops.Participants += e.Participants
				if e.Women == nil {
					g.Workshops.Unreported++
				} else {
					g.Workshops.Women += *e.Women
					g.Workshops.Reported += e.Participants
				}
			})
		}
	}
	state := func(c string) ctbot.Key {
		if q.GroupBy.State {
			return ctbot.Key{State: c}
		}
		return ctbot.Key{}
	}
	if asked[ctbot.Values] {
		for k, v := range specValues(fw, f, inForce) {
			add(state(k.Country), func(g *ctbot.Figures) {
				if g.Values == nil {
					g.Values = map[ctbot.IndicatorKey]ctbot.IndicatorValue{}
				}
				g.Values[k] = v
			})
		}
	}
	if asked[ctbot.Assessments] {
		for c, p := range specAssessments(f, inForce) {
			add(state(c), func(g *ctbot.Figures) {
				if g.Assessments == nil {
					g.Assessments = map[string]ctbot.ReadinessProfile{}
				}
				g.Assessments[c] = p
			})
		}
	}
	return x
}

// plusTraining is t with training e added.
func plusTraining(t ctbot.TrainingTotals, e *ctbot.Entry) ctbot.TrainingTotals {
	t.Count++
	t.Trained += e.Trained
	t.New += e.New
	if e.Online {
		t.Online++
	}
	if e.Women != nil {
		t.Women += *e.Women
		t.Reported += e.Trained
	} else {
		t.Unreported++
	}
	// The women among the new people: as reported, or all the women when
	// everyone was new; none to know when no one was.
	switch {
	case e.NewWomen != nil:
		t.NewWomen += *e.NewWomen
		t.NewReported += e.New
	case e.New == 0:
	case e.Women != nil && e.New == e.Trained:
		t.NewWomen += *e.Women
		t.NewReported += e.New
	default:
		t.NewUnreported++
	}
	if e.Evidence != "" || e.Link != "" {
		t.WithEvidence++
	}
	if e.VerifiedBy != "" {
		t.Verified++
	}
	return t
}

// specValues are the values of the indicators kept, in the states kept,
// as of the window's end: each ledger replayed, the trainings of the
// state fed to an indicator that counts them.
func specValues(fw *ctbot.Framework, f ctbot.Filter, inForce []*ctbot.Entry) map[ctbot.IndicatorKey]ctbot.IndicatorValue {
	out := map[ctbot.IndicatorKey]ctbot.IndicatorValue{}
	upTo := func(e *ctbot.Entry) bool { return f.To.IsZero() || !e.Date.After(f.To) }
	for _, ind := range fw.Indicators {
		if len(f.Indicators) > 0 && !slices.Contains(f.Indicators, ind.Code) {
			continue
		}
		for _, c := range append([]string{""}, codes(fw)...) {
			if len(f.States) > 0 && !slices.Contains(f.States, c) {
				continue
			}
			var ledger []*ctbot.Entry
			var trainings ctbot.TrainingTotals
			for _, e := range inForce {
				switch {
				case e.Kind == ctbot.KindIndicator && e.Indicator == ind.Code && e.Country == c && upTo(e):
					ledger = append(ledger, e)
				case e.Kind == ctbot.KindTraining && e.Country == c && upTo(e):
					trainings = plusTraining(trainings, e)
				}
			}
			v := ctbot.Replay(ind, ledger)
			if ind.Source == ctbot.SourceTrainings && c != "" {
				v.Feed(trainings)
			}
			if v.HasData() {
				out[ctbot.IndicatorKey{Indicator: ind.Code, Country: c}] = v
			}
		}
	}
	return out
}

// specAssessments are each state's latest two assessments kept, by value
// date then ID.
func specAssessments(f ctbot.Filter, inForce []*ctbot.Entry) map[string]ctbot.ReadinessProfile {
	var scored []*ctbot.Entry
	for _, e := range inForce {
		if len(e.Scores) > 0 && e.Country != "" && specMatch(f, e) {
			scored = append(scored, e)
		}
	}
	slices.SortFunc(scored, func(a, b *ctbot.Entry) int {
		if a.Date != b.Date {
			return a.Date.Ordinal() - b.Date.Ordinal()
		}
		return int(a.ID - b.ID)
	})
	out := map[string]ctbot.ReadinessProfile{}
	for _, e := range scored {
		out[e.Country] = ctbot.ReadinessProfile{Latest: e, Previous: out[e.Country].Latest}
	}
	return out
}

// specMatch is whether filter f keeps e, field by field.
func specMatch(f ctbot.Filter, e *ctbot.Entry) bool {
	in := func(list []string, s string) bool { return len(list) == 0 || slices.Contains(list, s) }
	is := func(w ctbot.Want, b bool) bool {
		return w == ctbot.Either || w == ctbot.Yes && b || w == ctbot.No && !b
	}
	trainingOnly := len(f.Topics) > 0 || len(f.Levels) > 0 || len(f.Courses) > 0 || f.Online != ctbot.Either
	return in(f.States, e.Country) && (len(f.Kinds) == 0 || slices.Contains(f.Kinds, e.Kind)) &&
		(len(f.Indicators) == 0 || e.Kind == ctbot.KindIndicator && slices.Contains(f.Indicators, e.Indicator)) &&
		(!trainingOnly || e.Kind == ctbot.KindTraining) &&
		in(f.Topics, e.Topic) && in(f.Levels, e.Level) && in(f.Courses, e.Course) && is(f.Online, e.Online) &&
		(f.From.IsZero() || !e.Date.Before(f.From)) && (f.To.IsZero() || !e.Date.After(f.To)) &&
		(f.Since.IsZero() || e.CreatedAt.After(f.Since)) && (f.Until.IsZero() || !e.CreatedAt.After(f.Until)) &&
		in(f.By, e.UserID) && is(f.Verified, e.VerifiedBy != "") && is(f.Evidence, e.Evidence != "" || e.Link != "")
}

// specKey is e's group.
func specKey(fw *ctbot.Framework, by ctbot.GroupBy, e *ctbot.Entry) ctbot.Key {
	var k ctbot.Key
	if by.State {
		k.State = e.Country
	}
	if by.Topic {
		k.Topic = e.Topic
	}
	if by.Level {
		k.Level = e.Level
	}
	if by.Person {
		k.Person = e.UserID
	}
	if by.Period.Valid() {
		day := e.Date
		if by.Recorded {
			day = ctbot.DateOf(e.CreatedAt.In(fw.Location))
		}
		k.Period = ctbot.PeriodOf(by.Period, day)
	}
	return k
}

// specRules are, for each figure, the kinds it reads (nil: all), and the
// filter's fields and groupings that mean something for it.
var specRules = map[ctbot.Figure]struct {
	kinds         []ctbot.Kind
	filter, group []string
}{
	ctbot.Trainings: {[]ctbot.Kind{ctbot.KindTraining}, []string{"States", "Kinds", "Topics", "Levels", "Courses", "Online", "From", "To",
		"Since", "Until", "By", "Verified", "Evidence"}, []string{"State", "Topic", "Level", "Person", "Period"}},
	ctbot.Workshops: {[]ctbot.Kind{ctbot.KindWorkshop}, []string{"States", "Kinds", "From", "To", "Since", "Until", "By", "Verified",
		"Evidence"}, []string{"State", "Person", "Period"}},
	ctbot.Values:      {[]ctbot.Kind{ctbot.KindIndicator}, []string{"States", "Kinds", "Indicators", "To"}, []string{"State"}},
	ctbot.Assessments: {[]ctbot.Kind{ctbot.KindReadiness, ctbot.KindWorkshop}, []string{"States", "Kinds", "To"}, []string{"State"}},
	ctbot.Entries: {nil, []string{"States", "Kinds", "Indicators", "Topics", "Levels", "Courses", "Online", "From", "To", "Since",
		"Until", "By", "Verified", "Evidence"}, []string{"State", "Topic", "Level", "Person", "Period"}},
}

// specUnapplied is what of q figure fig cannot apply.
func specUnapplied(q ctbot.Query, fig ctbot.Figure) ctbot.Unapplied {
	r := specRules[fig]
	f, g := q.Filter, q.GroupBy
	var u ctbot.Unapplied
	for _, x := range []struct {
		name string
		set  bool
	}{{"States", len(f.States) > 0}, {"Kinds", len(f.Kinds) > 0}, {"Indicators", len(f.Indicators) > 0},
		{"Topics", len(f.Topics) > 0}, {"Levels", len(f.Levels) > 0}, {"Courses", len(f.Courses) > 0},
		{"Online", f.Online != ctbot.Either}, {"From", !f.From.IsZero()}, {"To", !f.To.IsZero()}, {"Since", !f.Since.IsZero()},
		{"Until", !f.Until.IsZero()}, {"By", len(f.By) > 0}, {"Verified", f.Verified != ctbot.Either},
		{"Evidence", f.Evidence != ctbot.Either}} {
		readsKept := x.name != "Kinds" || r.kinds == nil || slices.ContainsFunc(r.kinds, func(k ctbot.Kind) bool {
			return slices.Contains(f.Kinds, k)
		})
		if x.set && (!slices.Contains(r.filter, x.name) || !readsKept) {
			u.Filter = append(u.Filter, x.name)
		}
	}
	for _, x := range []struct {
		name string
		set  bool
	}{{"State", g.State}, {"Topic", g.Topic}, {"Level", g.Level}, {"Person", g.Person}, {"Period", g.Period != ""}} {
		if x.set && (!slices.Contains(r.group, x.name) || x.name == "Period" && !g.Period.Valid()) {
			u.GroupBy = append(u.GroupBy, x.name)
		}
	}
	return u
}
