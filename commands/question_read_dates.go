package commands

import (
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
)

// dashed reports whether the text between tokens end-1 and start is a
// dash: "1-15", "1 – 15".
func (r *reading) dashed(end, start int) bool {
	between := strings.TrimSpace(r.text[r.toks[end-1].end:r.toks[start].start])
	return between == "-" || between == "–" || between == "—"
}

// dateish is a date as said: a day, a month or a year, or a day of a
// month (of a year), and the days it spans.
type dateish struct {
	from, to         ctbot.Date
	day, month, year bool
	d, m, y          int
}

// dateAt reads a date said from run[j]: "2026-11-01", "1 Nov", "1er
// novembre 2026", "Nov 15", "November", "сентября", "2025", or a day
// alone ("1" in "between 1 and 15 Nov"); and how many lexemes it took.
func (r *reading) dateAt(run []lexeme, j int) (dateish, int) {
	kind := func(k int) int {
		if j+k < len(run) {
			return run[j+k].kind
		}
		return -1
	}
	isDay := func(k int) bool { return kind(k) == lxNum && run[j+k].n >= 1 && run[j+k].n <= 31 }
	isYear := func(k int) bool { return kind(k) == lxNum && run[j+k].n >= 1900 && run[j+k].n <= 2100 }
	var d dateish
	n := 0
	switch {
	case kind(0) == lxDate:
		dt := run[j].date
		d = dateish{day: true, month: true, year: true, d: dt.Day, m: int(dt.Month), y: dt.Year}
		return d.fill(r.today), 1
	case isYear(0):
		d, n = dateish{year: true, y: run[j].n}, 1+b2i(kind(1) == lxUnit && run[j+1].unit == "year") // "2025 году"
	case kind(0) == lxUnit && run[j].unit == "year" && isYear(1): // "year 2025", "عام 2025"
		d, n = dateish{year: true, y: run[j+1].n}, 2
	case isDay(0) && kind(1) == lxMonth:
		d, n = dateish{day: true, month: true, d: run[j].n, m: run[j+1].n}, 2
	case isDay(0) && kind(1) == lxIn && kind(2) == lxMonth: // the 1st of October
		d, n = dateish{day: true, month: true, d: run[j].n, m: run[j+2].n}, 3
	case kind(0) == lxMonth && isDay(1) && !isYear(1):
		d, n = dateish{day: true, month: true, d: run[j+1].n, m: run[j].n}, 2
	case kind(0) == lxMonth:
		d, n = dateish{month: true, m: run[j].n}, 1
	case isDay(0):
		return dateish{day: true, d: run[j].n}, 1
	default:
		return dateish{}, 0
	}
	if d.month && isYear(n) {
		d.year, d.y = true, run[j+n].n
		n++
	}
	return d.fill(r.today), n
}

// fill sets the days d spans, in its year or, said without one, in the
// latest year it is not after today in.
func (d dateish) fill(today ctbot.Date) dateish {
	if !d.year {
		d.y = today.Year
		if d.m > int(today.Month) || d.m == int(today.Month) && d.day && d.d > today.Day {
			d.y--
		}
	}
	switch {
	case d.day && d.month:
		d.from = ctbot.Date{Year: d.y, Month: time.Month(d.m), Day: d.d}
		d.to = d.from
	case d.month:
		d.from = ctbot.Date{Year: d.y, Month: time.Month(d.m), Day: 1}
		d.to = monthsLater(d.from, 1).AddDays(-1)
	case d.year:
		d.from, d.to = ctbot.Date{Year: d.y, Month: 1, Day: 1}, ctbot.Date{Year: d.y, Month: 12, Day: 31}
	}
	return d
}

// dateOrRange reads a date from run[j] and, when a range's end follows
// it (see rangeEnd), the range: the date, the range's window (zero when
// none follows) and how many lexemes were read.
func (r *reading) dateOrRange(run []lexeme, j int) (dateish, Window, int) {
	d, n := r.dateAt(run, j)
	if n == 0 {
		return d, Window{}, 0
	}
	if to, m := r.rangeEnd(run, j+n, d); m > 0 {
		return d, Window{From: to.from, To: to.to}, n + m
	}
	return d, Window{}, n
}

// rangeEnd reads the end of a range that starts with start, from run[k]:
// "and 15 Nov", "au 15 novembre", "по 15 ноября", "و15 نوفمبر", or "15
// Nov" straight after a day ("1-15 Nov"); the start, said without a
// month, takes the end's. It returns the end, with start's days in from.
func (r *reading) rangeEnd(run []lexeme, k int, start dateish) (dateish, int) {
	skip := 0
	switch {
	case k < len(run) && run[k].kind == lxTo:
		skip = 1
	case k == 0 || k >= len(run) || !start.day || !r.dashed(run[k-1].to, run[k].from):
		return dateish{}, 0 // "1-15 Nov", "Nov 1-15": with a dash
	}
	end, n := r.dateAt(run, k+skip)
	if n == 0 {
		return dateish{}, 0
	}
	switch {
	case !start.month && !start.year && end.month:
		start.month, start.m, start.y, start.year = true, end.m, end.y, end.year
		start = start.fill(r.today)
		if start.from.After(end.to) && !start.year {
			start.y--
			start = start.fill(r.today)
		}
	case !end.month && !end.year && start.month:
		end.month, end.m, end.y, end.year = true, start.m, start.y, true
		end = end.fill(r.today)
	case !start.month && !start.year:
		return dateish{}, 0
	}
	if !end.month && !end.year {
		return dateish{}, 0
	}
	end.from = start.from
	return end, n + skip
}
