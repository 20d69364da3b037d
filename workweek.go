package ctbot

import (
	"slices"
	"time"
)

// DefaultWeekend is the weekend of a state that names none.
var DefaultWeekend = []time.Weekday{time.Saturday, time.Sunday}

// Weekdays are the state's days off: its weekend, or DefaultWeekend.
func (c *Country) Weekdays() []time.Weekday {
	if c.Weekend == nil {
		return DefaultWeekend
	}
	return c.Weekend
}

// WorkingDay reports whether d is a working day in the state: not in its
// weekend, not one of its holidays.
func (c *Country) WorkingDay(d Date) bool {
	return !slices.Contains(c.Weekdays(), d.Weekday()) && !slices.Contains(c.Holidays, d)
}

// maxDaysOff bounds the search for a working day: a state with a long run
// of holidays still gets one within a year.
const maxDaysOff = 366

// NextWorkingDay is the first working day after d (d+1 when none is
// found within a year, which validation rules out).
func (c *Country) NextWorkingDay(d Date) Date {
	for i := 1; i <= maxDaysOff; i++ {
		if n := d.AddDays(i); c.WorkingDay(n) {
			return n
		}
	}
	return d.AddDays(1)
}

// PrevWorkingDay is the last working day before d (d-1 when none is
// found within a year).
func (c *Country) PrevWorkingDay(d Date) Date {
	for i := 1; i <= maxDaysOff; i++ {
		if p := d.AddDays(-i); c.WorkingDay(p) {
			return p
		}
	}
	return d.AddDays(-1)
}

// Zone is the state's time zone: its own, or else fallback (the programme's).
func (c *Country) Zone(fallback *time.Location) *time.Location {
	if c.Location != nil {
		return c.Location
	}
	return fallback
}
