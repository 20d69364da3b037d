package locale

import (
	"strconv"

	"github.com/cttechplus/ctbot"
)

// DateRange writes the days from to to, both included, as briefly as is
// clear: "20–22 Nov 2026", "30 Nov – 2 Dec 2026", "Thu 31 Dec 2026 – Fri
// 1 Jan 2027" ("1er" in French); a single day (to zero or from) as Date does.
func (l *Loc) DateRange(from, to ctbot.Date) string {
	if to.IsZero() || to == from {
		return l.Date(from)
	}
	n := l.names()
	switch {
	case from.Year != to.Year:
		return l.S("date.range", "From", l.Date(from), "To", l.Date(to))
	case from.Month != to.Month:
		return l.S("date.range_year", "FromDay", l.day(from.Day), "FromMonth", n.months[from.Month],
			"ToDay", l.day(to.Day), "ToMonth", n.months[to.Month], "Year", strconv.Itoa(to.Year))
	}
	return l.S("date.range_month", "From", l.day(from.Day), "To", l.day(to.Day),
		"Month", n.months[to.Month], "Year", strconv.Itoa(to.Year))
}
