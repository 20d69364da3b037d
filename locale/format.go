package locale

import (
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/cttechplus/ctbot"
)

// names are a language's month and weekday names and number separators,
// read from its catalogue once.
type names struct {
	months   [13]string // 1-12, short
	weekdays [7]string  // Sunday first, short
	decimal  string
	group    string
	first    string // the first of the month: "1er" in French
}

var namesCache sync.Map // *Loc -> *names

func (l *Loc) names() *names {
	if n, ok := namesCache.Load(l); ok {
		return n.(*names)
	}
	n := &names{decimal: l.S("number.decimal"), group: l.S("number.group"), first: l.S("date.first")}
	for m := 1; m <= 12; m++ {
		n.months[m] = l.S("month." + strconv.Itoa(m))
	}
	for d := range 7 {
		n.weekdays[d] = l.S("weekday." + strconv.Itoa(d))
	}
	namesCache.Store(l, n)
	return n
}

// day writes a day of the month, the first as the language writes it.
func (l *Loc) day(d int) string {
	if d == 1 {
		return l.names().first
	}
	return strconv.Itoa(d)
}

// Date writes d in full, e.g. "Mon 30 Nov 2026"; "no date" for the zero Date.
func (l *Loc) Date(d ctbot.Date) string {
	if d.IsZero() {
		return l.S("date.none")
	}
	if s, ok := l.dates.Load(d); ok {
		return s.(string)
	}
	n := l.names()
	s := l.S("date.long", "Weekday", n.weekdays[d.Weekday()], "Day", l.day(d.Day),
		"Month", n.months[d.Month], "Year", strconv.Itoa(d.Year))
	if l.ndate.Add(1) <= maxDates {
		l.dates.Store(d, s)
	}
	return s
}

// ShortDate writes d without the year, e.g. "Mon 30 Nov".
func (l *Loc) ShortDate(d ctbot.Date) string {
	n := l.names()
	return l.S("date.short", "Weekday", n.weekdays[d.Weekday()], "Day", l.day(d.Day), "Month", n.months[d.Month])
}

// Int writes a whole number with the language's digit grouping.
func (l *Loc) Int(v int64) string {
	s := strconv.FormatInt(v, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if len(s) >= 4 {
		var b strings.Builder
		for i, r := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteString(l.names().group)
			}
			b.WriteRune(r)
		}
		s = b.String()
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Number writes a count or an expected value: whole numbers as integers,
// small fractional values with one decimal.
func (l *Loc) Number(x float64) string {
	if x == math.Trunc(x) || math.Abs(x) >= 10 {
		return l.Int(int64(math.Round(x)))
	}
	return strings.Replace(strconv.FormatFloat(roundHalfUp(x, 1), 'f', 1, 64), ".", l.names().decimal, 1)
}

// roundHalfUp rounds x to n decimals, halves away from zero (31.25 → 31.3),
// as figures in reports are read; strconv would round 31.25 to even.
func roundHalfUp(x float64, n int) float64 {
	p := math.Pow(10, float64(n))
	return math.Round(x*p) / p
}

// Percent writes a percentage with at most one decimal, e.g. "26.7%".
func (l *Loc) Percent(x float64) string {
	s := strconv.FormatFloat(roundHalfUp(x, 1), 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	s = strings.Replace(s, ".", l.names().decimal, 1)
	return l.S("number.percent", "Value", s)
}

// Decimal writes x with two decimals, e.g. a pace "0.85".
func (l *Loc) Decimal(x float64) string {
	return strings.Replace(strconv.FormatFloat(roundHalfUp(x, 2), 'f', 2, 64), ".", l.names().decimal, 1)
}
