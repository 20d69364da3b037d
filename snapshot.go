package ctbot

import (
	"slices"
	"time"
)

// Snapshot is the aggregated state of the programme as known at an instant:
// what status answers and digests are built on. Fold states what it holds;
// storage builds it from running sums and indexed lookups. A snapshot a
// store hands out may be shared with other readers: never change it.
type Snapshot struct {
	Kickoffs   map[string]*Entry // latest kick-off entry per country
	Open       []*Entry          // latest entry of each planned or postponed kick-off or workshop, by date
	Workshops  map[string]WorkshopTotals
	Trainings  map[string]TrainingTotals
	Indicators map[IndicatorKey]IndicatorValue
	LastEntry  map[string]time.Time // latest entry recorded per country ("" = programme-wide)
	// Courses are the trainings that name their topic, by state, topic and
	// level; Readiness each state's latest assessments.
	Courses   map[CourseKey]TrainingTotals
	Readiness map[string]ReadinessProfile
}

// NewSnapshot returns an empty snapshot.
func NewSnapshot() *Snapshot {
	return &Snapshot{
		Kickoffs:   map[string]*Entry{},
		Workshops:  map[string]WorkshopTotals{},
		Trainings:  map[string]TrainingTotals{},
		Indicators: map[IndicatorKey]IndicatorValue{},
		LastEntry:  map[string]time.Time{},
		Courses:    map[CourseKey]TrainingTotals{},
		Readiness:  map[string]ReadinessProfile{},
	}
}

// IndicatorKey names an indicator's value for one country ("" = programme).
type IndicatorKey struct {
	Indicator string
	Country   string
}

// WeekActivity is what happened in a period, as known at its end: the
// entries recorded in it, and the trainings and workshops held in it (by
// their dates).
type WeekActivity struct {
	Entries    int // entries recorded in the period and not retracted by its end
	Backfilled int // of them, entries about days before the period
	People     int // distinct people who recorded them
	Countries  int // distinct countries they cover
	Logs       int // free-text updates among them
	Trainings  map[string]TrainingTotals
	Workshops  map[string]WorkshopTotals
}

// Week folds the activity of a period from the entries in force at its
// end: recorded in (since, until], and trainings and held workshops dated
// from day from to day to. Nil entries are skipped.
func Week(versions []*Entry, since, until time.Time, from, to Date) *WeekActivity {
	w := &WeekActivity{Trainings: map[string]TrainingTotals{}, Workshops: map[string]WorkshopTotals{}}
	people := map[string]struct{}{}
	var countries []string // a handful: a slice beats a map
	latest := map[int64]*Entry{}
	for _, e := range versions {
		if e == nil {
			continue
		}
		if e.CreatedAt.After(since) && !e.CreatedAt.After(until) {
			w.Entries++
			people[e.UserID] = struct{}{}
			if e.Country != "" && !slices.Contains(countries, e.Country) {
				countries = append(countries, e.Country)
			}
			if e.Kind == KindLog {
				w.Logs++
			}
			if e.Date.Before(from) {
				w.Backfilled++
			}
		}
		switch e.Kind {
		case KindTraining:
			if !e.Date.Before(from) && !e.Date.After(to) {
				t := w.Trainings[e.Country]
				t.Add(e, 1)
				w.Trainings[e.Country] = t
			}
		case KindWorkshop:
			if cur := latest[e.Series]; cur == nil || e.ID > cur.ID {
				latest[e.Series] = e
			}
		}
	}
	for _, e := range latest {
		if e.Status == StatusHeld && !e.Date.Before(from) && !e.Date.After(to) {
			ws := w.Workshops[e.Country]
			ws.Add(WorkshopState(e), 1)
			w.Workshops[e.Country] = ws
		}
	}
	w.People, w.Countries = len(people), len(countries)
	return w
}
