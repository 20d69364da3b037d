package ctbot_test

import (
	"slices"
	"time"

	"github.com/cttechplus/ctbot"
)

// specFold is the plain statement of what the figures are, written apart
// from Book and slow: the oracle the Book is checked against.
func specFold(f *ctbot.Framework, versions []*ctbot.Entry) *ctbot.Snapshot {
	s := ctbot.NewSnapshot()
	series := map[int64]*ctbot.Entry{}
	ledgers := map[ctbot.IndicatorKey][]*ctbot.Entry{}
	var scored []*ctbot.Entry
	for _, e := range versions {
		day := ctbot.DateOf(e.CreatedAt.In(f.Location))
		if last, ok := s.LastEntry[e.Country]; !ok || day.After(last) {
			s.LastEntry[e.Country] = day
		}
		if len(e.Scores) > 0 && e.Country != "" {
			scored = append(scored, e)
		}
		switch e.Kind {
		case ctbot.KindTraining:
			t := s.Trainings[e.Country]
			t.Add(e, 1)
			s.Trainings[e.Country] = t
			if e.Topic != "" {
				k := ctbot.CourseKey{Country: e.Country, Topic: e.Topic, Level: e.Level}
				t := s.Courses[k]
				t.Add(e, 1)
				s.Courses[k] = t
			}
		case ctbot.KindWorkshop, ctbot.KindKickoff:
			if cur := series[e.Series]; cur == nil || e.ID > cur.ID {
				series[e.Series] = e
			}
		case ctbot.KindIndicator:
			k := ctbot.IndicatorKey{Indicator: e.Indicator, Country: e.Country}
			ledgers[k] = append(ledgers[k], e)
		}
	}
	for _, e := range series {
		if e.Kind == ctbot.KindKickoff {
			if cur := s.Kickoffs[e.Country]; cur == nil || e.ID > cur.ID {
				s.Kickoffs[e.Country] = e
			}
			continue
		}
		if w := ctbot.WorkshopState(e); w != (ctbot.WorkshopTotals{}) {
			t := s.Workshops[e.Country]
			t.Add(w, 1)
			s.Workshops[e.Country] = t
		}
		if e.Status.Open() {
			s.Open = append(s.Open, e)
		}
	}
	for _, k := range s.Kickoffs {
		if k.Status.Open() {
			s.Open = append(s.Open, k)
		}
	}
	ctbot.ValueOrder(s.Open)
	for _, ind := range f.Indicators {
		for _, c := range append([]string{""}, codes(f)...) {
			v := ctbot.Replay(ind, ledgers[ctbot.IndicatorKey{Indicator: ind.Code, Country: c}])
			if ind.Source == ctbot.SourceTrainings && c != "" {
				v.Feed(s.Trainings[c])
			}
			if v.HasData() {
				s.Indicators[ctbot.IndicatorKey{Indicator: ind.Code, Country: c}] = v
			}
		}
	}
	ctbot.ValueOrder(scored)
	for _, e := range scored {
		s.Readiness[e.Country] = ctbot.ReadinessProfile{Latest: e, Previous: s.Readiness[e.Country].Latest}
	}
	return s
}

// specWeek is the plain statement of a period's activity.
func specWeek(versions []*ctbot.Entry, since, until time.Time, from, to ctbot.Date) *ctbot.WeekActivity {
	w := &ctbot.WeekActivity{Trainings: map[string]ctbot.TrainingTotals{}, Workshops: map[string]ctbot.WorkshopTotals{}}
	var people, countries []string
	latest := map[int64]*ctbot.Entry{}
	in := func(d ctbot.Date) bool { return !d.Before(from) && !d.After(to) }
	for _, e := range versions {
		if e.CreatedAt.After(since) && !e.CreatedAt.After(until) {
			w.Entries++
			if !slices.Contains(people, e.UserID) {
				people = append(people, e.UserID)
			}
			if e.Country != "" && !slices.Contains(countries, e.Country) {
				countries = append(countries, e.Country)
			}
			if e.Kind == ctbot.KindLog {
				w.Logs++
			}
			if e.Date.Before(from) {
				w.Backfilled++
			}
		}
		switch {
		case e.Kind == ctbot.KindTraining && in(e.Date):
			t := w.Trainings[e.Country]
			t.Add(e, 1)
			w.Trainings[e.Country] = t
		case e.Kind == ctbot.KindWorkshop:
			if cur := latest[e.Series]; cur == nil || e.ID > cur.ID {
				latest[e.Series] = e
			}
		}
	}
	for _, e := range latest {
		if e.Status == ctbot.StatusHeld && in(e.Date) {
			t := w.Workshops[e.Country]
			t.Add(ctbot.WorkshopState(e), 1)
			w.Workshops[e.Country] = t
		}
	}
	w.People, w.Countries = len(people), len(countries)
	return w
}

// specNewest are the IDs of the entries of kind recorded in (since,
// until], newest first, at most limit.
func specNewest(es []*ctbot.Entry, kind ctbot.Kind, since, until time.Time, limit int) []int64 {
	var out []*ctbot.Entry
	for _, e := range es {
		if e.Kind == kind && e.CreatedAt.After(since) && !e.CreatedAt.After(until) {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b *ctbot.Entry) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return int(b.ID - a.ID)
	})
	ids := []int64{}
	for _, e := range out[:min(limit, len(out))] {
		ids = append(ids, e.ID)
	}
	return ids
}

func codes(f *ctbot.Framework) []string {
	var out []string
	for _, c := range f.Countries {
		out = append(out, c.Code)
	}
	return out
}
