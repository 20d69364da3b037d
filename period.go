package ctbot

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PeriodKind is the length of a reporting period.
type PeriodKind string

// Reporting period lengths.
const (
	Month   PeriodKind = "month"
	Quarter PeriodKind = "quarter"
	Half    PeriodKind = "half"
	Year    PeriodKind = "year"
)

// PeriodKinds are the lengths a programme may report by.
var PeriodKinds = []PeriodKind{Month, Quarter, Half, Year}

// Whole is the kind of the period of a whole phase: its final report.
const Whole PeriodKind = "final"

// months is how many months a period of kind k lasts.
func (k PeriodKind) months() int {
	switch k {
	case Month:
		return 1
	case Quarter:
		return 3
	case Half:
		return 6
	case Year:
		return 12
	}
	return 0
}

// Valid reports whether k is one of PeriodKinds.
func (k PeriodKind) Valid() bool { return k.months() > 0 }

// Period is a reporting period: the days from Start to End, both included.
type Period struct {
	Kind       PeriodKind
	Start, End Date
}

// PeriodOf is the period of kind k that holds day d.
func PeriodOf(k PeriodKind, d Date) Period {
	n := k.months()
	first := time.Month((int(d.Month)-1)/n*n + 1)
	start := Date{Year: d.Year, Month: first, Day: 1}
	end := DateOf(time.Date(d.Year, first+time.Month(n), 0, 0, 0, 0, 0, time.UTC))
	return Period{Kind: k, Start: start, End: end}
}

// Name is how the period is written: 2026-09, 2026-Q3, 2026-H2, 2026 or
// final.
func (p Period) Name() string {
	y := strconv.Itoa(p.Start.Year)
	switch p.Kind {
	case Whole:
		return string(Whole)
	case Month:
		return fmt.Sprintf("%s-%02d", y, int(p.Start.Month))
	case Quarter:
		return fmt.Sprintf("%s-Q%d", y, (int(p.Start.Month)-1)/3+1)
	case Half:
		return fmt.Sprintf("%s-H%d", y, (int(p.Start.Month)-1)/6+1)
	}
	return y
}

// String is the period's name.
func (p Period) String() string { return p.Name() }

// Contains reports whether day d falls in the period.
func (p Period) Contains(d Date) bool { return !d.Before(p.Start) && !d.After(p.End) }

// Next is the period after p.
func (p Period) Next() Period { return PeriodOf(p.Kind, p.End.AddDays(1)) }

// Prev is the period before p.
func (p Period) Prev() Period { return PeriodOf(p.Kind, p.Start.AddDays(-1)) }

// ParsePeriod reads a period name of kind k ("2026-Q3" for quarters); the
// error says what a name looks like.
func ParsePeriod(k PeriodKind, s string) (Period, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	bad := fmt.Errorf("%q is not a %s: write it like %s", s, k, PeriodOf(k, MustParseDate("2026-09-15")).Name())
	year, rest, _ := strings.Cut(s, "-")
	y, err := strconv.Atoi(year)
	if err != nil || len(year) != 4 {
		return Period{}, bad
	}
	var month int
	switch {
	case k == Year && rest == "":
		month = 1
	case k == Month && len(rest) == 2:
		month, err = strconv.Atoi(rest)
	case k == Quarter && len(rest) == 2 && rest[0] == 'Q':
		month, err = strconv.Atoi(rest[1:])
		month = (month-1)*3 + 1
	case k == Half && len(rest) == 2 && rest[0] == 'H':
		month, err = strconv.Atoi(rest[1:])
		month = (month-1)*6 + 1
	default:
		return Period{}, bad
	}
	if err != nil || month < 1 || month > 12 {
		return Period{}, bad
	}
	return PeriodOf(k, Date{Year: y, Month: time.Month(month), Day: 1}), nil
}

// Periods are the reporting periods of the programme (of a phase), from
// the one holding its start to the one holding its end, each cut to the
// days of the programme: a programme ending on 30 November has a last
// quarter ending then.
func (f *Framework) Periods() []Period {
	var out []Period
	for p := PeriodOf(f.Period, f.Start); !p.Start.After(f.End); p = p.Next() {
		out = append(out, f.Cut(p))
	}
	return out
}

// Cut is p cut to the days of the programme (of the phase).
func (f *Framework) Cut(p Period) Period {
	if p.Start.Before(f.Start) {
		p.Start = f.Start
	}
	if p.End.After(f.End) {
		p.End = f.End
	}
	return p
}

// Overlaps reports whether p has days in the programme (the phase).
func (f *Framework) Overlaps(p Period) bool { return !p.End.Before(f.Start) && !p.Start.After(f.End) }

// WholePeriod is the period of the whole phase, its final report's.
func (f *Framework) WholePeriod() Period { return Period{Kind: Whole, Start: f.Start, End: f.End} }

// ParseAnyPeriod reads a period of any length, whatever the programme
// reports by: "final" (the whole phase), 2026, 2026-H2, 2026-Q3 or
// 2026-09. A name of another length is not one a period can be closed by,
// but reports can be made of it.
func ParseAnyPeriod(s string) (Period, bool) {
	if strings.EqualFold(strings.TrimSpace(s), string(Whole)) {
		return Period{Kind: Whole}, true
	}
	for _, k := range PeriodKinds {
		if p, err := ParsePeriod(k, s); err == nil {
			return p, true
		}
	}
	return Period{}, false
}

// ReportPeriod is p, read by ParseAnyPeriod, as the phase reports it: the
// whole phase for "final", else cut to its days; ok is false when p has
// none in it.
func (f *Framework) ReportPeriod(p Period) (Period, bool) {
	if p.Kind == Whole {
		return f.WholePeriod(), true
	}
	return f.Cut(p), f.Overlaps(p)
}

// PhaseOf is the phase a period is reported in: the latest that has days
// in it, or nil.
func (f *Framework) PhaseOf(p Period) *Framework {
	var out *Framework
	for _, ph := range f.PhaseList() {
		if ph.Overlaps(p) {
			out = ph
		}
	}
	return out
}

// LastComplete is the latest period of the programme that ended before
// day today; ok is false while none has.
func (f *Framework) LastComplete(today Date) (p Period, ok bool) {
	for _, q := range f.Periods() {
		if q.End.Before(today) {
			p, ok = q, true
		}
	}
	return p, ok
}

// Period actions.
const (
	PeriodClose  = "close"
	PeriodReopen = "reopen"
)

// PeriodEvent is one close or reopen of a reporting period, as logged.
type PeriodEvent struct {
	ID         int64  // its number in the period log
	Period     string // its name when it was closed, e.g. 2026-Q3
	Start, End Date
	Action     string // PeriodClose or PeriodReopen
	Actor      string
	At         time.Time
	Reason     string
	// Seq and AuditID place the event in the order of commits: the number
	// of the last change to the entries, and the ID of the last audit row,
	// committed before it. Ordered is false for an event logged before
	// ctbot kept that order: its time places it.
	Seq, AuditID int64
	Ordered      bool
}

// Precedes reports whether the event was committed before audit row r:
// by the order of commits, whatever the clock said, or by time for an
// event logged before that order was kept.
func (e PeriodEvent) Precedes(r AuditRecord) bool {
	if e.Ordered {
		return r.ID > e.AuditID
	}
	return r.At.After(e.At)
}

// LastEvents is each period's latest event, by name, from a log in the
// order it was committed (as a store's PeriodLog gives it): a period whose
// latest event is a close is closed.
func LastEvents(log []PeriodEvent) map[string]PeriodEvent {
	out := map[string]PeriodEvent{}
	for _, e := range log {
		out[e.Period] = e
	}
	return out
}

// ClosedOn is the close in force over day d, if any.
func ClosedOn(log []PeriodEvent, d Date) (PeriodEvent, bool) {
	for _, e := range LastEvents(log) {
		if e.Action == PeriodClose && !d.Before(e.Start) && !d.After(e.End) {
			return e, true
		}
	}
	return PeriodEvent{}, false
}
