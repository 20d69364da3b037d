package commands

import "strings"

// measures are the measures a comparison or ranking may name by the
// phrases of askwords.measure.<name>, in the order they are tried.
var measures = []string{"new", "participants", "workshops", "readiness", "trainings", "trained"}

// readRank reads what the question measures (Measure): for a comparison
// or ranking, what it names by askwords.measure, or what its subject
// words say; of events (coming up, overdue, a state's), workshops when it
// names them ("upcoming workshops"); else only new people ("how many new
// people were trained"), the one measure its subject does not say. When
// the question ranks ("who trained the most", "rank states by …", "worst
// balance", "top 3"), the Rank: by that measure, or by people trained when
// it names none; the smallest first when it asks for the least; how many
// states when it says.
func (r *reading) readRank() {
	switch r.q.Subject {
	case SubjectCompare:
		r.q.Measure = r.measure()
	case SubjectUpcoming, SubjectOverdue, SubjectEvents:
		if r.has("workshops") {
			r.q.Measure = "workshops"
		}
		return
	default:
		if r.has("measure.new") {
			r.q.Measure = "new"
		}
		return
	}
	if !r.has("rank") || r.has("pillar") {
		return
	}
	r.q.Rank = Rank{By: r.q.Measure, Least: r.has("least"), Top: r.rankTop()}
	if r.q.Rank.By == "" {
		r.q.Rank.By = "trained"
	}
}

// rankTop is how many states a ranking asks for: a number next to a word
// of ranking ("top 3", "3 best", "топ-3"), taken; 0 when none is.
func (r *reading) rankTop() int {
	for _, s := range r.v.find(r.toks, "rank", r.named) {
		for _, i := range []int{s.to, s.from - 1} {
			if i < 0 || i >= len(r.toks) || r.used[i] {
				continue
			}
			if lx, ok := r.lexAt(i); ok && lx.kind == lxNum && lx.n > 0 && lx.n < 100 && !anyUsed(r.used, lx.from, lx.to) {
				r.mark(lx.span)
				return lx.n
			}
		}
	}
	return 0
}

// measure is what the question compares or ranks states by, or "".
func (r *reading) measure() string {
	q := &r.q
	switch {
	case q.Women && r.has("share"):
		return "women_share"
	case q.Women:
		return "women"
	}
	for _, m := range measures {
		if r.has("measure." + m) {
			return m
		}
	}
	switch {
	case len(q.Indicators) == 1:
		return q.Indicators[0].Code
	case r.has("workshops"):
		return "workshops"
	case r.has("trainings") || len(q.Topics)+len(q.Levels)+len(q.Courses) > 0:
		return "trained"
	case r.has("readiness"):
		return "readiness"
	}
	return ""
}

// readUnread keeps, as typed, what the question says it is about ("about
// drones", "on drones") when no reading used those words: the answer
// names it as not applied.
func (r *reading) readUnread() {
	for _, s := range r.v.find(r.toks, "about", r.used) {
		end := s.to
		for end < len(r.toks) && !r.used[end] && r.v.isFiller(r.toks, end) {
			end++
		}
		from := end
		for end < len(r.toks) && end < from+3 && !r.used[end] && !r.v.known(r.toks, end) {
			end++
		}
		if end > from {
			r.q.Unread = append(r.q.Unread, r.said(s.from, end))
			for i := s.from; i < end; i++ {
				r.used[i] = true
			}
		}
	}
}

// isFiller reports whether toks[i] is a word of no meaning to a reading
// ("the", "les").
func (v vocabulary) isFiller(toks []qtok, i int) bool {
	for _, p := range v.phr["filler"] {
		if n, ok := p.matchAt(toks, i); ok && n == 1 {
			return true
		}
	}
	return false
}

// known reports whether a phrase of any [askwords] key starts at toks[i].
func (v vocabulary) known(toks []qtok, i int) bool {
	for key, ps := range v.phr {
		if key == "about" || strings.HasPrefix(key, "month_") {
			continue
		}
		for _, p := range ps {
			if _, ok := p.matchAt(toks, i); ok {
				return true
			}
		}
	}
	return false
}
