package ctbot

// NoteKind is what a logframe's note is about.
type NoteKind string

// Notes of a logframe.
const (
	// NoteStageBack: an entry took a milestone's stage back.
	NoteStageBack NoteKind = "stage_back"
	// NoteReduced: an entry took a count at or above its target below it.
	NoteReduced NoteKind = "achieved_reduced"
	// NoteSameDay: a set and an add dated the same day, recorded by
	// different people, apply in the order they were recorded.
	NoteSameDay NoteKind = "same_day"
)

// LogframeNote is one thing a reader of a period's figures should know of
// an indicator's entries dated in it.
type LogframeNote struct {
	Kind      NoteKind
	Indicator *Indicator
	Country   string
	Date      Date
	// ID is the entry; for NoteSameDay, the one recorded second, and
	// First the one recorded first, which applies first.
	ID, First   int64
	Op, FirstOp Op
	// From and To are the stages before and after a stage went back;
	// FromValue and ToValue the values before and after a count went
	// below Target.
	From, To           string
	FromValue, ToValue int64
	Target             float64
}

// Reduces reports whether a count indicator's value for country (""
// programme), going from from to to, falls from its target or above to
// below it: an achieved value reduced, which needs a note, as a stage
// going back does.
func (ind *Indicator) Reduces(country string, from, to int64) bool {
	if ind.Measure != MeasureCount {
		return false
	}
	t := ind.TargetFor(country)
	return float64(from) >= t && float64(to) < t
}

// OrderMatters reports whether indicator entries a and b of one ledger
// are a set and an add dated the same day and recorded by different
// people: they apply in recording order (a set replaces an add recorded
// before it), which neither may have known, so replies and reports say so.
func OrderMatters(a, b *Entry) bool {
	isValue := func(op Op) bool { return op == OpSet || op == OpAdd }
	return a.Date == b.Date && isValue(a.Op) && isValue(b.Op) && a.Op != b.Op && a.UserID != b.UserID
}

// ReplayAround replays a ledger es (in any order) as Replay does and gives
// its value just before and just after entry e (one of es) applies.
func ReplayAround(ind *Indicator, es []*Entry, e *Entry) (before, after IndicatorValue) {
	sorted := append([]*Entry(nil), es...)
	ValueOrder(sorted)
	r := replay{ind: ind}
	for _, x := range sorted {
		if x == e {
			before = r.value()
		}
		r.add(valueOf(x, false))
		if x == e {
			return before, r.value()
		}
	}
	return r.value(), r.value()
}

// notebook keeps a logframe's notes as its fold goes: of entries dated
// in the period, in value order.
type notebook struct {
	p     Period
	notes []LogframeNote
	// days are each ledger's entries of the latest day seen.
	days map[IndicatorKey][]*Entry
}

func newNotebook(p Period) notebook {
	return notebook{p: p, days: map[IndicatorKey][]*Entry{}}
}

// add notes what indicator entry e did to its ledger's value, from before
// to after (fed: what trainings gave it so far, for an indicator they feed).
func (n *notebook) add(e *Entry, ind *Indicator, before, after IndicatorValue, fed int64) {
	if !n.p.Contains(e.Date) {
		return
	}
	note := LogframeNote{Indicator: ind, Country: e.Country, Date: e.Date, ID: e.ID, Op: e.Op}
	if e.Op == OpStage && before.Stage != "" && ind.StageIndex(before.Stage) > ind.StageIndex(after.Stage) {
		note.Kind, note.From, note.To = NoteStageBack, before.Stage, after.Stage
		n.notes = append(n.notes, note)
	}
	if from, to := before.Value+fed, after.Value+fed; ind.Reduces(e.Country, from, to) {
		note.Kind, note.FromValue, note.ToValue, note.Target = NoteReduced, from, to, ind.TargetFor(e.Country)
		n.notes = append(n.notes, note)
	}
	k := IndicatorKey{e.Indicator, e.Country}
	day := n.days[k]
	if len(day) > 0 && day[0].Date != e.Date {
		day = day[:0]
	}
	for _, x := range day {
		if OrderMatters(x, e) {
			pair := note
			pair.Kind, pair.First, pair.FirstOp = NoteSameDay, x.ID, x.Op
			n.notes = append(n.notes, pair)
		}
	}
	n.days[k] = append(day, e)
}

// of are the notes of country's entries ("" for all).
func (n *notebook) of(country string) []LogframeNote {
	var out []LogframeNote
	for _, x := range n.notes {
		if country == "" || x.Country == country {
			out = append(out, x)
		}
	}
	return out
}
