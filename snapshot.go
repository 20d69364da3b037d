package ctbot

import "time"

// Snapshot is the aggregated state of the programme as known at an instant.
// Storage builds it with aggregate queries; Progress and the status and
// digest renderers read it.
type Snapshot struct {
	Kickoffs   map[string]*Entry // latest kick-off entry per country
	Open       []*Entry          // latest entry of each planned or postponed kick-off or workshop
	Workshops  map[string]WorkshopTotals
	Trainings  map[string]TrainingTotals
	Indicators map[IndicatorKey]IndicatorValue
	LastEntry  map[string]time.Time // latest entry per country ("" = programme-wide)
}

// WorkshopTotals sums the workshops of one country whose latest state is held.
type WorkshopTotals struct {
	Held         int
	Participants int
	Women        int
}

// TrainingTotals sums the trainings of one country. Trained and Women count
// attendances; New counts people trained for the first time.
type TrainingTotals struct {
	Count   int
	Online  int
	Trained int
	Women   int
	New     int
}

// IndicatorKey names an indicator's value for one country ("" = programme).
type IndicatorKey struct {
	Indicator string
	Country   string
}

// IndicatorValue is an indicator's current value for one country: a count,
// a numerator and denominator, or the latest milestone stage.
type IndicatorValue struct {
	Value int64
	Denom int64
	Stage string
}

// WomenShare formats women out of total as a percentage, or "" when total is
// zero. Splits of fewer than five people are not shown, since small numbers
// can identify people.
func WomenShare(women, total int) string {
	switch {
	case total == 0:
		return ""
	case total < 5:
		return "sex split not shown under 5"
	default:
		return FormatPercent(100*float64(women)/float64(total)) + " women"
	}
}

// WeekActivity is what happened in a period: the entries recorded in it and
// the trainings and workshops held in it (by their dates).
type WeekActivity struct {
	Entries   int // entries recorded, not retracted
	People    int // distinct people who recorded them
	Countries int // distinct countries they cover
	Logs      int // free-text updates among them
	Trainings map[string]TrainingTotals
	Workshops map[string]WorkshopTotals
}
