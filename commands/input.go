package commands

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/cttechplus/ctbot"
)

// Input is an entry as a person gave it, typed: read from a command by the
// slash parser, or from a form's fields, or a reminder's answer. Whichever
// way it came, the same input is recorded (and amended) the same way, by
// the same checks, and known again by its canonical rendering: the same
// values given twice within DedupeWindow are one entry.
type Input interface {
	kind() ctbot.Kind
	// state is the state the entry is about ("" for the programme).
	state() string
	// fill writes the input's values into e, a new entry of its kind or a
	// copy of the one amended; what the input leaves out (a zero date, no
	// status) e keeps.
	fill(c *Core, e *ctbot.Entry) error
	// checks are what the person confirmed.
	checks() checks
	// reason is why a coordinator records it into a closed period.
	reason() string
}

// Evidence is what every entry recorded may name, by command or form: its
// means of verification and, for a coordinator recording into a closed
// period, the reason.
type Evidence struct {
	Source string // a document's name or reference, "" for none
	Link   string // a link to it, as typed or as Slack writes a pasted one, "" for none
	Reason string // why it is recorded into a closed period
}

func (ev Evidence) reason() string { return ev.Reason }

// LogInput is an update: what happened, in a state or the programme.
type LogInput struct {
	Country string     // ISO code; "" for the programme
	On      ctbot.Date // the day it is true for; zero for today
	Note    string
	Evidence
}

// KickoffInput is the project kick-off in a state: planned, held,
// postponed or cancelled.
type KickoffInput struct {
	Country string
	Status  ctbot.Status // "" (an amendment) keeps it
	Date    ctbot.Date   // zero when not known (held: today)
	Note    string
	Evidence
}

// WorkshopInput is a national workshop: its status, and once held its
// counts and the readiness benchmark.
type WorkshopInput struct {
	Country      string
	Status       ctbot.Status // "" (an amendment) keeps it
	Date         ctbot.Date
	Title        string // "" for none: the workshop it updates keeps its own
	Participants int
	Women        *int           // nil: not reported
	Scores       map[string]int // by pillar; nil for none (an amendment keeps them)
	Evidence
}

// TrainingInput is a training given: what it taught and how many came.
type TrainingInput struct {
	Country string
	Date    ctbot.Date
	// DateTo is the last day of a training held over several days (Date
	// its first); zero for a training of one day.
	DateTo ctbot.Date `json:",omitzero"`
	// Course is a code of the catalogue; "" for a course outside it,
	// which Topic and Level describe (an amendment with neither keeps
	// what the training taught).
	Course       string
	Topic, Level string
	Title        string // "" for the catalogue course's
	Trained      int
	Women        *int // nil: not reported
	New          *int // nil: all of those trained
	NewWomen     *int `json:",omitempty"` // women among the new; nil: not reported
	Online       bool
	Again        bool // a second session of a training already recorded
	Confirm      bool // an implausible number trained is right
	Evidence
}

// IndicatorInput is a value of a result indicator: set, added to, or the
// stage reached.
type IndicatorInput struct {
	Indicator string     // its code
	Country   string     // "" for the programme
	On        ctbot.Date // zero for today
	Op        ctbot.Op
	Value     int64
	Denom     int64
	Stage     string
	Note      string
	Confirm   bool // a value far above its target is right
	Evidence
}

// ReadinessInput is a readiness assessment of a state, pillar by pillar.
type ReadinessInput struct {
	Country string
	On      ctbot.Date // zero for today
	Scores  map[string]int
	Note    string
	Evidence
}

func (*LogInput) kind() ctbot.Kind       { return ctbot.KindLog }
func (*KickoffInput) kind() ctbot.Kind   { return ctbot.KindKickoff }
func (*WorkshopInput) kind() ctbot.Kind  { return ctbot.KindWorkshop }
func (*TrainingInput) kind() ctbot.Kind  { return ctbot.KindTraining }
func (*IndicatorInput) kind() ctbot.Kind { return ctbot.KindIndicator }
func (*ReadinessInput) kind() ctbot.Kind { return ctbot.KindReadiness }

func (in *LogInput) state() string       { return in.Country }
func (in *KickoffInput) state() string   { return in.Country }
func (in *WorkshopInput) state() string  { return in.Country }
func (in *TrainingInput) state() string  { return in.Country }
func (in *IndicatorInput) state() string { return in.Country }
func (in *ReadinessInput) state() string { return in.Country }

func (*LogInput) checks() checks      { return checks{} }
func (*KickoffInput) checks() checks  { return checks{} }
func (*WorkshopInput) checks() checks { return checks{} }
func (in *TrainingInput) checks() checks {
	return checks{again: in.Again, confirm: in.Confirm}
}
func (in *IndicatorInput) checks() checks { return checks{confirm: in.Confirm} }
func (*ReadinessInput) checks() checks    { return checks{} }

func (in *LogInput) fill(_ *Core, e *ctbot.Entry) error {
	e.Country, e.Note, e.Date = in.Country, in.Note, cmp.Or(in.On, e.Date)
	return setEvidence(e, in.Source, in.Link)
}

func (in *KickoffInput) fill(_ *Core, e *ctbot.Entry) error {
	e.Country, e.Status, e.Date, e.Note = in.Country, cmp.Or(in.Status, e.Status), cmp.Or(in.Date, e.Date), in.Note
	return setEvidence(e, in.Source, in.Link)
}

func (in *WorkshopInput) fill(_ *Core, e *ctbot.Entry) error {
	e.Country, e.Status, e.Date = in.Country, cmp.Or(in.Status, e.Status), cmp.Or(in.Date, e.Date)
	e.Title, e.Participants, e.Women = strings.TrimSpace(in.Title), in.Participants, in.Women
	if in.Scores != nil {
		e.Scores = in.Scores
	}
	return setEvidence(e, in.Source, in.Link)
}

func (in *TrainingInput) fill(c *Core, e *ctbot.Entry) error {
	e.Country, e.Date, e.Title = in.Country, cmp.Or(in.Date, e.Date), strings.TrimSpace(in.Title)
	e.DateTo = in.DateTo
	if e.DateTo == e.Date {
		e.DateTo = ctbot.Date{} // a training of one day
	}
	e.Trained, e.Women, e.New, e.NewWomen, e.Online = in.Trained, in.Women, in.Trained, in.NewWomen, in.Online
	if in.New != nil {
		e.New = *in.New
	}
	switch {
	case in.Course != "":
		co := cmp.Or(c.fw.Course(strings.TrimSpace(in.Course)), c.fw.CourseTitled(in.Course)) // by its code or its title in any language
		if co == nil {
			return c.unknownCourse(in.Course)
		}
		if err := c.setCourse(e, co, in.Topic, in.Level); err != nil {
			return err
		}
	case in.Topic != "" || in.Level != "":
		e.Course = ""
		e.Topic = cmp.Or(c.fw.Topic(strings.TrimSpace(in.Topic)), strings.TrimSpace(in.Topic)) // one not of the framework is refused by it
		e.Level = strings.ToLower(strings.TrimSpace(in.Level))
	}
	return setEvidence(e, in.Source, in.Link)
}

func (in *IndicatorInput) fill(_ *Core, e *ctbot.Entry) error {
	e.Indicator, e.Country, e.Date, e.Note = in.Indicator, in.Country, cmp.Or(in.On, e.Date), in.Note
	e.Op, e.Value, e.Denom, e.Stage = in.Op, in.Value, in.Denom, in.Stage
	return setEvidence(e, in.Source, in.Link)
}

func (in *ReadinessInput) fill(_ *Core, e *ctbot.Entry) error {
	e.Country, e.Date, e.Scores, e.Note = in.Country, cmp.Or(in.On, e.Date), in.Scores, in.Note
	return setEvidence(e, in.Source, in.Link)
}

// FormCount reads the number input of a form's field: nil when empty,
// otherwise a whole number as a command reads one (none below 0, none
// absurd).
func FormCount(field, s string) (*int, error) {
	if s = strings.TrimSpace(s); s == "" {
		return nil, nil
	}
	n, err := fieldCount(field, s)
	if err != nil {
		return nil, err
	}
	return &n, nil
}

// FormDate reads the date picker of a form's field: the zero Date when
// empty.
func FormDate(field, s string) (ctbot.Date, error) {
	if s == "" {
		return ctbot.Date{}, nil
	}
	d, err := ctbot.ParseDate(s)
	if err != nil {
		return d, badField(field, "err.bad_date", "Text", s)
	}
	return d, nil
}

// canonical is in rendered the same whichever way it came, for telling a
// retry (Entry.Source): its kind, its values, and the event a reminder's
// answer continues; what a terminal would not show (controls, directional
// marks) escaped.
func canonical(in Input, series int64) string {
	b, _ := json.Marshal(in) // plain values: it cannot fail
	var s strings.Builder
	s.WriteString(string(in.kind()) + " ")
	for _, r := range string(b) {
		if strconv.IsPrint(r) {
			s.WriteRune(r)
		} else {
			fmt.Fprintf(&s, "\\u%04x", r)
		}
	}
	if series != 0 {
		s.WriteString(" series=" + strconv.FormatInt(series, 10))
	}
	return s.String()
}

// newEntry is the entry in records: its values, the day by default, and
// for an event the series it continues.
func (c *Core) newEntry(ctx context.Context, call *call, in Input) (*ctbot.Entry, error) {
	e := &ctbot.Entry{Kind: in.kind()}
	if err := in.fill(c, e); err != nil {
		return nil, err
	}
	switch {
	case e.Kind == ctbot.KindKickoff:
		if e.Status == ctbot.StatusHeld && e.Date.IsZero() {
			e.Date = call.today
		}
		return e, c.continueKickoff(ctx, call, e)
	case e.Kind == ctbot.KindWorkshop:
		return e, c.continueWorkshop(ctx, call, e)
	case e.Date.IsZero() && e.Kind != ctbot.KindTraining:
		e.Date = call.today
	}
	return e, nil
}

// continueKickoff makes kick-off e continue the state's series, if it
// has one (the one a reminder's answer names), which must not be held.
func (c *Core) continueKickoff(ctx context.Context, call *call, e *ctbot.Entry) error {
	series, err := c.figures.Series(ctx, ctbot.KindKickoff, e.Country)
	if err != nil {
		return err
	}
	if call.req.Series != 0 {
		prev, err := c.pinnedSeries(call, series)
		if err != nil {
			return err
		}
		series = []*ctbot.Entry{prev}
	}
	if len(series) == 0 {
		return nil
	}
	if err := e.CheckUpdate(series[0]); err != nil {
		return err
	}
	e.Series = series[0].Series
	return nil
}

// continueWorkshop makes workshop e update the series it matches (see
// matchWorkshop; the one a reminder's answer names), keeping its title
// when e gives none.
func (c *Core) continueWorkshop(ctx context.Context, call *call, e *ctbot.Entry) error {
	series, err := c.figures.Series(ctx, ctbot.KindWorkshop, e.Country)
	if err != nil {
		return err
	}
	m := matchWorkshop(series, e)
	if call.req.Series != 0 {
		if m, err = c.pinnedSeries(call, series); err != nil {
			return err
		}
	}
	if m != nil {
		e.Series = m.Series
		if e.Title == "" {
			e.Title = m.Title
		}
		call.updates = m
	}
	return nil
}
