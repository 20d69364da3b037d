package ctbot

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
)

// What a close keeps of its period's report, so that the report is
// rendered again exactly, whatever changes later (entries, the
// configuration, the rules that compute the figures), until the period is
// reopened: the results framework in force (Canonical) and the logframe's
// figures, every field of its rows (a field added to them is kept too).
// Evidence with a link is kept as the entry version it came from
// (EntryRef), read again when the report is rendered, so that a redaction
// reaches it: what a close keeps holds no free text of any entry.

// EntryRef names one version of an entry.
type EntryRef struct {
	ID      int64 `json:"id"`
	Version int   `json:"version"`
}

// Ref is the entry version e is.
func (e *Entry) Ref() EntryRef { return EntryRef{ID: e.ID, Version: e.Version} }

// KeptReport is what a close kept, as a store gives it back: Report (from
// Logframe.Keep), and the latest version of the framework logged at the
// close (0 for none): later ones came after it.
type KeptReport struct {
	Report      []byte
	FrameworkID int64
}

// KeepClose makes what close ev keeps of its period's report
// (Logframe.Keep) from the entries in force at the close, which each
// streams as a store's EachAtClose does: those of kinds dated up to
// through, in value order.
type KeepClose func(ev PeriodEvent, each func(kinds []Kind, through Date, fn func(*Entry) error) error) ([]byte, error)

// keptReport is a logframe as kept: states and indicators by code, linked
// evidence by entry version. Each kept type embeds the type it keeps, whose
// fields of the same name (pointers) it shadows.
type keptReport struct {
	Framework json.RawMessage
	Period    Period
	AsOf      time.Time
	Rows      []keptRow
}

type keptRow struct {
	Progress keptProgress
	Linked   []EntryRef
	States   []keptStateRow
	LogframeRow
}

type keptProgress struct {
	Indicator string
	States    []keptStateProgress
	Progress
}

type keptStateProgress struct {
	Country string
	StateProgress
}

type keptStateRow struct {
	Country string
	Linked  []EntryRef
	StateRow
}

// Keep is what a close keeps of the logframe: lf must be of every state,
// made with its Framework.
func (lf *Logframe) Keep() ([]byte, error) {
	if lf.Framework == nil || lf.Country != "" {
		return nil, errors.New("keep logframe: not of every state or without its framework")
	}
	fw, err := lf.Framework.Canonical()
	if err != nil {
		return nil, err
	}
	k := keptReport{Framework: fw, Period: lf.Period, AsOf: lf.AsOf, Rows: make([]keptRow, len(lf.Rows))}
	for i, r := range lf.Rows {
		kr := keptRow{LogframeRow: r, Linked: refs(r.Linked),
			Progress: keptProgress{Indicator: r.Progress.Indicator.Code, Progress: r.Progress}}
		for _, s := range r.Progress.States {
			kr.Progress.States = append(kr.Progress.States, keptStateProgress{Country: s.Country.Code, StateProgress: s})
		}
		for _, s := range r.States {
			kr.States = append(kr.States, keptStateRow{Country: s.Country.Code, Linked: refs(s.Linked), StateRow: s})
		}
		k.Rows[i] = kr
	}
	b, err := json.Marshal(k)
	if err != nil {
		return nil, fmt.Errorf("keep logframe %s: %w", lf.Period, err)
	}
	return b, nil
}

func refs(es []*Entry) []EntryRef {
	var out []EntryRef
	for _, e := range es {
		out = append(out, e.Ref())
	}
	return out
}

// LoadKept is the logframe a close kept (Keep), with the framework then in
// force as its Framework, its linked evidence read with entry, and Kept
// set.
func LoadKept(b []byte, entry func(EntryRef) (*Entry, error)) (*Logframe, error) {
	var k keptReport
	if err := json.Unmarshal(b, &k); err != nil {
		return nil, fmt.Errorf("kept logframe: %w", err)
	}
	fw, err := ParseFramework(k.Framework)
	if err != nil {
		return nil, fmt.Errorf("kept logframe %s: %w", k.Period, err)
	}
	linked := func(rs []EntryRef) ([]*Entry, error) {
		var out []*Entry
		for _, r := range rs {
			e, err := entry(r)
			if err != nil {
				return nil, fmt.Errorf("kept logframe %s: evidence of #%d: %w", k.Period, r.ID, err)
			}
			out = append(out, e)
		}
		return out, nil
	}
	country := func(code string) (*Country, error) {
		if c := fw.Country(code); c != nil {
			return c, nil
		}
		return nil, fmt.Errorf("kept logframe %s: state %q is not in its framework", k.Period, code)
	}
	lf := &Logframe{Period: k.Period, AsOf: k.AsOf, Framework: fw, Kept: true, Rows: make([]LogframeRow, len(k.Rows))}
	for i, kr := range k.Rows {
		r := kr.LogframeRow
		r.Progress = kr.Progress.Progress
		if r.Progress.Indicator = fw.Indicator(kr.Progress.Indicator); r.Progress.Indicator == nil {
			return nil, fmt.Errorf("kept logframe %s: indicator %q is not in its framework", k.Period, kr.Progress.Indicator)
		}
		r.Progress.States = nil
		for _, ks := range kr.Progress.States {
			s := ks.StateProgress
			if s.Country, err = country(ks.Country); err != nil {
				return nil, err
			}
			r.Progress.States = append(r.Progress.States, s)
		}
		if r.Linked, err = linked(kr.Linked); err != nil {
			return nil, err
		}
		r.States = nil
		for _, ks := range kr.States {
			s := ks.StateRow
			if s.Country, err = country(ks.Country); err != nil {
				return nil, err
			}
			if s.Linked, err = linked(ks.Linked); err != nil {
				return nil, err
			}
			r.States = append(r.States, s)
		}
		lf.Rows[i] = r
	}
	return lf, nil
}

// OfCountry is lf with only the rows of one state (all for "").
func (lf *Logframe) OfCountry(code string) *Logframe {
	if code == "" {
		return lf
	}
	out := *lf
	out.Country = code
	out.Rows = make([]LogframeRow, len(lf.Rows))
	for i, r := range lf.Rows {
		r.States = nil
		for _, s := range lf.Rows[i].States {
			if s.Country.Code == code {
				r.States = append(r.States, s)
			}
		}
		out.Rows[i] = r
	}
	return &out
}

// Each is Add as a store's callback: it never fails.
func (l *LogframeFold) Each(e *Entry) error {
	l.Add(e)
	return nil
}

// WithActivities is kept logframe lf (its figures as its close kept
// them) with what it does not keep taken from made, the logframe folded
// from the entries in force at the close with the same framework: the
// activities, the notes, and each figure's sources.
func (lf *Logframe) WithActivities(made *Logframe) *Logframe {
	out := *lf
	out.Activities, out.Total, out.Notes = made.Activities, made.Total, made.Notes
	out.Rows = slices.Clone(lf.Rows)
	for i, r := range out.Rows {
		j := slices.IndexFunc(made.Rows, func(m LogframeRow) bool { return m.Progress.Indicator.Code == r.Progress.Indicator.Code })
		if j < 0 {
			continue
		}
		m := made.Rows[j]
		r.Sources = m.Sources
		r.States = slices.Clone(r.States)
		for k, s := range r.States {
			if n := slices.IndexFunc(m.States, func(ms StateRow) bool { return ms.Country.Code == s.Country.Code }); n >= 0 {
				s.Sources, s.Trainings = m.States[n].Sources, m.States[n].Trainings
				r.States[k] = s
			}
		}
		out.Rows[i] = r
	}
	return &out
}
