package commands

import (
	"strconv"
	"time"

	"github.com/cttechplus/ctbot"
)

// lexeme kinds: the words a window is said with, read by the keys of
// [askwords] named after them.
const (
	lxNum       = iota // a number: digits or askwords.number.<n>
	lxUnit             // askwords.unit.<day|week|month|quarter|half|year>
	lxDual             // a unit counted twice (Arabic "أسبوعين"): askwords.dual.<unit>
	lxOrdinal          // askwords.ordinal.<n>
	lxMonth            // askwords.month.<n>
	lxWeekday          // askwords.weekday.<n>, Monday 1
	lxPart             // "Q3", "T3", "H1": askwords.<quarter|half>_letter and a digit
	lxDate             // 2026-11-01
	lxLast             // last, past
	lxThis             // this, current
	lxNext             // next, coming
	lxSince            // since, from
	lxBetween          // between, from
	lxTo               // and, to, until
	lxIn               // in, during
	lxToday            // today
	lxYesterday        // yesterday
	lxTomorrow         // tomorrow
	lxBy               // by (a date): up to it
	lxYTD              // year to date
	lxPast             // the last, за: the last unit up to today ("in the last week": the last 7 days)
)

// lexeme is a word (or words) of a window: its kind, its value (a number,
// a month, a unit's name) and the tokens it spans.
type lexeme struct {
	kind int
	n    int
	unit string
	date ctbot.Date
	span
}

// lexKeys are the keys read as one kind of lexeme each.
var lexKeys = []struct {
	key  string
	kind int
}{
	{"today", lxToday}, {"yesterday", lxYesterday}, {"tomorrow", lxTomorrow}, {"by", lxBy}, {"ytd", lxYTD}, {"past", lxPast}, {"last", lxLast}, {"this", lxThis},
	{"next", lxNext}, {"since", lxSince}, {"between", lxBetween}, {"to", lxTo}, {"in", lxIn},
}

// units are the units of windows, and numbered keys' ranges.
var units = []string{"day", "week", "month", "quarter", "half", "year"}

// unitMonths are the months of the units that are parts of a year.
var unitMonths = map[string]int{"month": 1, "quarter": 3, "half": 6, "year": 12}

// lexAt reads the lexeme at token i, if any.
func (r *reading) lexAt(i int) (lexeme, bool) {
	toks := r.toks
	t := toks[i].s
	if n, err := strconv.Atoi(t); err == nil && len(t) <= 4 {
		if len(t) == 4 && i+2 < len(toks) && r.joined(i, i+3, "-") {
			if d, err := ctbot.ParseDate(r.text[toks[i].start:toks[i+2].end]); err == nil {
				return lexeme{kind: lxDate, date: d, span: span{i, i + 3}}, true
			}
		}
		end := i + 1
		if end < len(toks) && r.phraseAt("day_suffix", end) > 0 {
			end++ // 1st, 1er, 3-го
		}
		return lexeme{kind: lxNum, n: n, span: span{i, end}}, true
	}
	for _, part := range []string{"quarter", "half"} {
		if n := r.phraseAt(part+"_letter", i); n == 1 && i+1 < len(toks) && r.joined(i, i+2, "") {
			if q, err := strconv.Atoi(toks[i+1].s); err == nil && q >= 1 && q <= 12/unitMonths[part] {
				return lexeme{kind: lxPart, unit: part, n: q, span: span{i, i + 2}}, true
			}
		}
	}
	for _, k := range lexKeys {
		if n := r.phraseAt(k.key, i); n > 0 {
			return lexeme{kind: k.kind, span: span{i, i + n}}, true
		}
	}
	for _, u := range units {
		if n := r.phraseAt("dual."+u, i); n > 0 {
			return lexeme{kind: lxDual, unit: u, n: 2, span: span{i, i + n}}, true
		}
		if n := r.phraseAt("unit."+u, i); n > 0 {
			return lexeme{kind: lxUnit, unit: u, span: span{i, i + n}}, true
		}
	}
	for _, g := range []struct {
		key  string
		kind int
		max  int
	}{{"month.", lxMonth, 12}, {"weekday.", lxWeekday, 7}, {"ordinal.", lxOrdinal, 4}, {"number.", lxNum, 99}} {
		best := lexeme{kind: -1}
		for v := 1; v <= g.max; v++ { // the longest: "خمسة عشر" is 15, not 5
			if n := r.phraseAt(g.key+strconv.Itoa(v), i); n > best.to-best.from {
				best = lexeme{kind: g.kind, n: v, span: span{i, i + n}}
			}
		}
		if best.kind >= 0 {
			return best, true
		}
	}
	return lexeme{}, false
}

// phraseAt is how many tokens a phrase of key matches at i (0: none).
func (r *reading) phraseAt(key string, i int) int {
	for _, p := range r.v.phr[key] {
		if n, ok := p.matchAt(r.toks, i); ok {
			return n
		}
	}
	return 0
}

// joined reports whether tokens from..to-1 were typed with only sep
// between them ("2026-11-01", "Q3").
func (r *reading) joined(from, to int, sep string) bool {
	for i := from + 1; i < to; i++ {
		if r.text[r.toks[i-1].end:r.toks[i].start] != sep {
			return false
		}
	}
	return true
}

// lexemes are the question's runs of window words: a run ends at a word
// that is none (fillers, "the", "les", are skipped).
func (r *reading) lexemes() [][]lexeme {
	var runs [][]lexeme
	var run []lexeme
	for i := 0; i < len(r.toks); {
		if lx, ok := r.lexAt(i); ok && !anyUsed(r.used, lx.from, lx.to) {
			if lx.kind == lxMonth && r.phraseAt("month_needs_context", i) > 0 && !r.monthInContext(i, run) {
				ok = false
			}
			if ok {
				run = append(run, lx)
				i = lx.to
				continue
			}
		}
		if !r.v.isFiller(r.toks, i) && len(run) > 0 {
			runs = append(runs, run)
			run = nil
		}
		i++
	}
	if len(run) > 0 {
		runs = append(runs, run)
	}
	return runs
}

// monthInContext reports whether a month name that is also a common word
// ("may") reads as a month: after a word of windows, or before a number.
func (r *reading) monthInContext(i int, run []lexeme) bool {
	if len(run) > 0 && run[len(run)-1].to == i {
		return true
	}
	if i+1 < len(r.toks) {
		if lx, ok := r.lexAt(i + 1); ok && lx.kind == lxNum {
			return true
		}
	}
	return false
}

// readWindow reads the window the question asks about (the first; any
// other is kept in Unread, as is a year outside the programme) and how
// many days ahead it looks (Ahead); "so far" ends the window today.
func (r *reading) readWindow() {
	defer func() {
		if w := &r.q.Window; r.has("sofar") && w.To.After(r.today) && !w.From.After(r.today) {
			w.To = r.today
		}
	}()
	for _, run := range r.lexemes() {
		for j := 0; j < len(run); {
			w, ahead, n := r.windowAt(run, j)
			if n == 0 {
				j++
				continue
			}
			from, to := run[j].from, run[j+n-1].to
			r.mark(span{from, to})
			w.Said = r.said(from, to)
			switch {
			case ahead > 0 && r.q.Ahead == 0 && r.q.Window.IsZero():
				r.q.Ahead = ahead
				if !r.within.IsZero() {
					r.within.Said = w.Said
				}
			case ahead == 0 && r.q.Window.IsZero() && r.q.Ahead == 0 && r.inProgramme(w):
				r.q.Window = w
			default:
				r.q.Unread = append(r.q.Unread, w.Said)
			}
			j += n
		}
	}
}

// inProgramme reports whether window w meets the programme's life (any
// phase's).
func (r *reading) inProgramme(w Window) bool {
	start, end := r.c.fw.Start, r.c.fw.End
	for _, p := range r.c.fw.PhaseList() {
		if p.Start.Before(start) {
			start = p.Start
		}
		if p.End.After(end) {
			end = p.End
		}
	}
	return !(w.To.Before(start) || w.From.After(end)) && !w.From.After(w.To)
}

// windowAt reads a window from run[j]: the window, or how many days
// ahead, and how many lexemes it took (0: none there).
func (r *reading) windowAt(run []lexeme, j int) (Window, int, int) {
	if j >= len(run) {
		return Window{}, 0, 0
	}
	today := r.today
	lx := run[j]
	at := func(k int) lexeme {
		if j+k < len(run) {
			return run[j+k]
		}
		return lexeme{kind: -1}
	}
	switch lx.kind {
	case lxToday:
		return Window{From: today, To: today}, 0, 1
	case lxYesterday:
		d := today.AddDays(-1)
		return Window{From: d, To: d}, 0, 1
	case lxTomorrow:
		d := today.AddDays(1)
		return Window{From: d, To: d}, 0, 1
	case lxBy:
		d, n := r.dateAt(run, j+1)
		if n == 0 || !d.month && !d.year {
			return Window{}, 0, 0
		}
		if !d.year && d.to.Before(today) {
			d.year, d.y = true, d.y+1 // "by December": the next one
			d = d.fill(today)
		}
		return Window{To: d.to}, 0, 1 + n
	case lxYTD:
		return Window{From: ctbot.Date{Year: today.Year, Month: 1, Day: 1}, To: today}, 0, 1
	case lxIn:
		if at(1).kind == lxNum && at(1).n < 1900 && at(2).kind == lxUnit && unitMonths[at(2).unit] != 3 && unitMonths[at(2).unit] != 6 && at(3).kind != lxLast && at(3).kind != lxNext {
			r.within = Window{From: r.back(at(1).n, at(2).unit).AddDays(1), To: today}
			return Window{}, r.unitsAhead(at(1).n, at(2).unit), 3 // "in 10 days"; "not reported in 3 weeks": within
		}
		if w, ahead, n := r.windowAt(run, j+1); n > 0 {
			return w, ahead, n + 1
		}
		return Window{}, 0, 0
	case lxSince:
		d, span, n := r.dateOrRange(run, j+1)
		if !span.IsZero() {
			return span, 0, 1 + n
		}
		if n > 0 && (d.month || d.year) {
			return Window{From: d.from, To: today}, 0, 1 + n
		}
		if k := 1 + b2i(at(1).kind == lxLast || at(1).kind == lxThis); at(k).kind == lxWeekday {
			back := (int(today.Weekday())-at(k).n%7+6)%7 + 1 // "since (last) Monday": the latest Monday before today
			return Window{From: today.AddDays(-back), To: today}, 0, k + 1
		}
		if at(1).kind == lxNum && at(1).n < 1900 && at(2).kind == lxUnit { // "depuis trois semaines"
			return r.lastOrNext(lxLast, at(1).n, at(2).unit), 0, 3
		}
		return Window{}, 0, 0
	case lxPast:
		if w, ahead, n := r.relative(run, j); n > 0 {
			return w, ahead, n
		}
		if w, ahead, n := r.windowAt(run, j+1); n > 0 { // "за сентябрь"
			return w, ahead, n + 1
		}
		return Window{}, 0, 0
	case lxBetween:
		if _, span, n := r.dateOrRange(run, j+1); !span.IsZero() {
			return span, 0, 1 + n
		}
		return Window{}, 0, 0
	}
	if w, ahead, n := r.relative(run, j); n > 0 {
		return w, ahead, n
	}
	d, span, n := r.dateOrRange(run, j)
	if !span.IsZero() {
		return span, 0, n
	}
	if n > 0 && (d.month || d.year) {
		return Window{From: d.from, To: d.to}, 0, n
	}
	return Window{}, 0, 0
}

// relative reads "last 2 weeks", "15 derniers jours", "الأسبوعين
// القادمين" (a number and a unit with last or next, in any order), "this
// month", "la semaine dernière" (a unit with this, last or next: the
// calendar's), "in the last week", "за неделю" (the unit up to today), and
// "Q3", "third quarter", "الربع الثالث" with or without a year.
func (r *reading) relative(run []lexeme, j int) (Window, int, int) {
	today := r.today
	pick := func(n int) (dir, count int, unit string, ok bool) {
		if j+n > len(run) {
			return 0, 0, "", false
		}
		for _, lx := range run[j : j+n] {
			switch lx.kind {
			case lxLast, lxNext, lxThis, lxPast:
				if dir != 0 {
					return 0, 0, "", false
				}
				dir = lx.kind
			case lxNum:
				count = lx.n
			case lxDual:
				count, unit = 2, lx.unit
			case lxUnit:
				unit = lx.unit
			default:
				return 0, 0, "", false
			}
		}
		return dir, count, unit, dir != 0 && unit != ""
	}
	if dir, count, unit, ok := pick(3); ok && count > 0 && dir != lxThis {
		return r.lastOrNext(dir, count, unit), r.aheadOf(dir, count, unit), 3
	}
	if dir, count, unit, ok := pick(2); ok {
		if count > 0 && dir != lxThis {
			return r.lastOrNext(dir, count, unit), r.aheadOf(dir, count, unit), 2
		}
		if dir == lxPast { // "in the last week", "за неделю": the last 7 days
			return r.lastOrNext(dir, 1, unit), 0, 2
		}
		if count == 0 {
			return calendarUnit(today, unit, map[int]int{lxLast: -1, lxThis: 0, lxNext: 1}[dir]), 0, 2
		}
	}
	// Quarters and halves: Q3, third quarter, the quarter the third, H1,
	// first half; then a year, maybe after "of".
	part := func(k int) bool {
		return j+k < len(run) && run[j+k].kind == lxUnit && (run[j+k].unit == "quarter" || run[j+k].unit == "half")
	}
	q, n, unit := 0, 0, ""
	switch {
	case run[j].kind == lxPart:
		q, n, unit = run[j].n, 1, run[j].unit
	case (run[j].kind == lxOrdinal || run[j].kind == lxNum) && part(1):
		q, n, unit = run[j].n, 2, run[j+1].unit
	case part(0) && j+1 < len(run) && run[j+1].kind == lxOrdinal:
		q, n, unit = run[j+1].n, 2, run[j].unit
	}
	months := unitMonths[unit]
	if n == 0 || q < 1 || q > 12/months {
		return Window{}, 0, 0
	}
	year := today.Year
	k := n + b2i(j+n < len(run) && run[j+n].kind == lxIn)
	if j+k < len(run) && run[j+k].kind == lxNum && run[j+k].n >= 1900 {
		year, n = run[j+k].n, k+1
	} else if (q-1)*months+1 > int(today.Month) {
		year-- // a part still to come, said without a year: last year's
	}
	from := ctbot.Date{Year: year, Month: time.Month((q-1)*months + 1), Day: 1}
	return Window{From: from, To: monthsLater(from, months).AddDays(-1)}, 0, n
}

// lastOrNext is the window of the last count units up to today ("last 2
// weeks": the 14 days ending today), or none for the next ones (Ahead).
func (r *reading) lastOrNext(dir, count int, unit string) Window {
	if dir != lxLast && dir != lxPast {
		return Window{}
	}
	return Window{From: r.back(count, unit).AddDays(1), To: r.today}
}

// aheadOf is how many days "the next count units" are (0 for last).
func (r *reading) aheadOf(dir, count int, unit string) int {
	if dir != lxNext {
		return 0
	}
	return r.unitsAhead(count, unit)
}

// unitsAhead is how many days count units are from today.
func (r *reading) unitsAhead(count int, unit string) int {
	return r.back(-count, unit).DaysSince(r.today)
}

// back is today less count units (more, for a negative count).
func (r *reading) back(count int, unit string) ctbot.Date {
	switch unit {
	case "day":
		return r.today.AddDays(-count)
	case "week":
		return r.today.AddDays(-7 * count)
	}
	return monthsLater(r.today, -unitMonths[unit]*count)
}

// monthsLater is d moved by n months (the last day of a shorter month).
func monthsLater(d ctbot.Date, n int) ctbot.Date {
	first := time.Date(d.Year, d.Month+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return ctbot.Date{Year: first.Year(), Month: first.Month(), Day: min(d.Day, last)}
}

// calendarUnit is the calendar unit (week from Monday, month, quarter,
// half, year, day) holding today, moved by shift units: the whole unit.
func calendarUnit(today ctbot.Date, unit string, shift int) Window {
	switch unit {
	case "day":
		d := today.AddDays(shift)
		return Window{From: d, To: d}
	case "week":
		monday := today.AddDays(-(int(today.Weekday())+6)%7 + 7*shift)
		return Window{From: monday, To: monday.AddDays(6)}
	}
	months := unitMonths[unit]
	start := ctbot.Date{Year: today.Year, Month: time.Month((int(today.Month)-1)/months*months + 1), Day: 1}
	from := monthsLater(start, shift*months)
	return Window{From: from, To: monthsLater(from, months).AddDays(-1)}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
