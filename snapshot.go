package ctbot

import (
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
	LastEntry  map[string]Date // the day the latest entry was recorded, per country ("" = programme-wide), in the programme's zone
	// Courses are the trainings that name their topic, by state, topic and
	// level; Readiness each state's latest assessments.
	Courses   map[CourseKey]TrainingTotals
	Readiness map[string]ReadinessProfile
	// Opening are the values the indicators that continue the previous
	// phase's had at its end: their baselines (see BaselineOf).
	Opening map[IndicatorKey]IndicatorValue
}

// NewSnapshot returns an empty snapshot.
func NewSnapshot() *Snapshot {
	return &Snapshot{
		Kickoffs:   map[string]*Entry{},
		Workshops:  map[string]WorkshopTotals{},
		Trainings:  map[string]TrainingTotals{},
		Indicators: map[IndicatorKey]IndicatorValue{},
		LastEntry:  map[string]Date{},
		Courses:    map[CourseKey]TrainingTotals{},
		Readiness:  map[string]ReadinessProfile{},
		Opening:    map[IndicatorKey]IndicatorValue{},
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

// Week is the activity of a period from the entries in force at its end
// (until): recorded in (since, until], and trainings and held workshops
// dated from day from to day to.
func (f *Framework) Week(versions []*Entry, since, until time.Time, from, to Date) *WeekActivity {
	b := f.NewBook(Date{}, since)
	for _, e := range versions {
		b.Apply(nil, e)
	}
	w, _ := b.Week(since, until, from, to)
	return w
}
